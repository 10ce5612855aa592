// Where each rule's page is published: the link in diagnostics when the docs folder is not
// bundled, and the `helpUri` of the CLI's SARIF (code scanning needs a web address).
export const ONLINE_RULE_DOCS = 'https://github.com/stagecraft-dev/stagecraft/blob/main/docs/rules/';

export function onlineRuleDocsUrl(ruleId: string): string {
  return `${ONLINE_RULE_DOCS}${ruleId}.md`;
}
