-- Neovim configuration for test/protocol/neovim.test.ts: a real, non-VS Code LSP client.
-- Starts the Stagecraft server for `dockerfile` buffers, waits (bounded) until the server has
-- published diagnostics for the file given on the command line, writes them as JSON and quits.
--
-- Inputs come from the environment, set by the test:
--   STAGECRAFT_NODE        node executable
--   STAGECRAFT_SERVER      path to dist/server.js
--   STAGECRAFT_RESULT      where to write the JSON result
--   STAGECRAFT_TIMEOUT_MS  how long to wait for diagnostics (default 10000)
--
-- Works with Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and 0.8+ (vim.lsp.start).

local node = vim.env.STAGECRAFT_NODE or 'node'
local server = assert(vim.env.STAGECRAFT_SERVER, 'STAGECRAFT_SERVER is not set')
local result_path = assert(vim.env.STAGECRAFT_RESULT, 'STAGECRAFT_RESULT is not set')
local timeout_ms = tonumber(vim.env.STAGECRAFT_TIMEOUT_MS) or 10000

-- URIs for which the server has sent textDocument/publishDiagnostics (even an empty list).
local published = {}
local server_messages = {}

local function on_publish_diagnostics(err, result, ctx, config)
  if result and result.uri then
    published[result.uri] = (published[result.uri] or 0) + 1
  end
  return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

local function client_config(bufnr)
  return {
    name = 'stagecraft',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = on_publish_diagnostics,
      ['window/logMessage'] = function(_, result)
        if result then
          table.insert(server_messages, result.message)
        end
      end,
    },
  }
end

local client_id = nil
local start_error = nil

local function start_stagecraft(bufnr)
  local ok, err = pcall(function()
    if vim.lsp.start then
      client_id = vim.lsp.start(client_config(bufnr), { bufnr = bufnr })
    else
      client_id = client_id or vim.lsp.start_client(client_config(bufnr))
      if not client_id then
        error('vim.lsp.start_client returned nil')
      end
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end)
  if not ok then
    start_error = tostring(err)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dockerfile',
  callback = function(args)
    start_stagecraft(args.buf)
  end,
})

local function write_result(result)
  local file = assert(io.open(result_path, 'w'))
  file:write(vim.json.encode(result))
  file:close()
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local result = {
    nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
    filetype = vim.bo[bufnr].filetype,
    uri = uri,
    client_started = client_id ~= nil,
    start_error = start_error,
  }
  if client_id then
    -- Poll (no sleeps): the server publishes once per analysis, possibly with an empty list.
    -- Stop early if the server process dies.
    vim.wait(timeout_ms, function()
      local client = vim.lsp.get_client_by_id(client_id)
      return (published[uri] or 0) > 0 or client == nil or client.is_stopped()
    end, 20)
    result.published = (published[uri] or 0) > 0
    result.diagnostics = {}
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if diagnostic.source == 'stagecraft' then
        table.insert(result.diagnostics, {
          code = diagnostic.code,
          message = diagnostic.message,
          severity = diagnostic.severity,
          lnum = diagnostic.lnum,
          col = diagnostic.col,
        })
      end
    end
    local client = vim.lsp.get_client_by_id(client_id)
    result.client_alive = client ~= nil and not client.is_stopped()
  end
  result.server_messages = server_messages
  write_result(result)
  -- Stop the server before leaving so no orphaned process stays behind (bounded wait).
  if client_id then
    vim.lsp.stop_client(client_id)
    vim.wait(2000, function()
      return vim.lsp.get_client_by_id(client_id) == nil
    end, 20)
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      pcall(write_result, { error = tostring(err) })
      vim.cmd('cquit! 1')
    end
    vim.cmd('qall!')
  end,
})
