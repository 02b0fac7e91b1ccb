-- Drives the language server from headless Neovim 0.7 as an external LSP client. Inputs come from
-- the environment (VE_SERVER, VE_ROOT, VE_FILE, VE_LINE, VE_COL: 0-based), the answers go as JSON to VE_OUT.
local out = { log = {} }
local function finish()
  local f = io.open(os.getenv('VE_OUT'), 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    cmd = { 'node', os.getenv('VE_SERVER'), '--stdio' },
    root_dir = os.getenv('VE_ROOT'),
    handlers = {
      ['window/logMessage'] = function(_, result) table.insert(out.log, result.message) end,
    },
  })
  out.started = client_id ~= nil
  vim.cmd('edit ' .. os.getenv('VE_FILE'))
  vim.lsp.buf_attach_client(0, client_id)
  out.initialized = vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    position = { line = tonumber(os.getenv('VE_LINE')), character = tonumber(os.getenv('VE_COL')) },
  }
  for _, method in ipairs({ 'textDocument/definition', 'textDocument/hover' }) do
    local answers = vim.lsp.buf_request_sync(0, method, params, 20000)
    local a = answers and answers[client_id]
    out[method] = a and (a.result or { error = a.err }) or vim.NIL
  end
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then out.error = tostring(err) end
finish()
