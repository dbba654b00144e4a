-- Drives the runbook language server from Neovim's built-in LSP client (headless), to prove the
-- server assumes nothing about VS Code. Writes what it saw to RUNBOOK_NVIM_OUT as JSON, then quits.
local server = os.getenv('RUNBOOK_SERVER')
local file = os.getenv('RUNBOOK_FILE')
local out = os.getenv('RUNBOOK_NVIM_OUT')

local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

vim.cmd('edit ' .. file)
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'runbook',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, client_id)

local deadline = vim.loop.now() + 15000
local timer = vim.loop.new_timer()
timer:start(100, 100, vim.schedule_wrap(function()
  local diags = vim.diagnostic.get(buf)
  if #diags > 0 then
    timer:stop()
    local codes = {}
    for _, d in ipairs(diags) do table.insert(codes, { code = d.code, line = d.lnum, message = d.message }) end
    -- Ask for hover on the action id of the first step, through the same client.
    local client = vim.lsp.get_client_by_id(client_id)
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = tonumber(os.getenv('RUNBOOK_HOVER_LINE')), character = 14 } }
    local response = client.request_sync('textDocument/hover', params, 5000, buf)
    local hover = response and response.result and response.result.contents and response.result.contents.value or ''
    finish({ diagnostics = codes, hover = hover })
  elseif vim.loop.now() > deadline then
    timer:stop()
    finish({ error = 'no diagnostics within 15 s' })
  end
end))
