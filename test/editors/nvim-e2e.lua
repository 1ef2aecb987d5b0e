-- Drives a real Neovim (0.7+) through the README's set-up, for test/editors.test.ts:
--   E2E_CONFIG=test/editors/imagebuilder.lua E2E_FILE=doc.yaml E2E_SETTINGS='{...}' E2E_STEPS='[...]' \
--     nvim --headless -u NONE -c 'luafile test/editors/nvim-e2e.lua'
-- Every step prints one JSON line; a failing step prints its error and the run goes on, so the
-- test reports each feature on its own.
local function out(t) io.stdout:write(vim.fn.json_encode(t) .. '\n') end

-- Record what the server publishes for our buffer (the default handler still runs).
local publishes = 0
local published_version
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_publish(err, result, ctx, config)
  if result and result.uri == vim.uri_from_bufnr(vim.api.nvim_get_current_buf()) then
    publishes = publishes + 1
    published_version = result.version
  end
end
-- Messages (e.g. "method ... is not supported") go into the step's output, not a prompt.
local notices = {}
vim.notify = function(msg) table.insert(notices, tostring(msg)) end

-- What a user's init.lua does: filetype detection (off under -u NONE) and the README module.
vim.cmd('filetype on')
local settings = vim.fn.json_decode(os.getenv('E2E_SETTINGS') or '{}')
dofile(os.getenv('E2E_CONFIG')).setup(settings)
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('E2E_FILE')))
local buf = vim.api.nvim_get_current_buf()

local function client()
  return vim.lsp.get_active_clients()[1]
end

local function text()
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function diagnostics()
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(items, { code = d.code or lsp.code, line = d.lnum, character = d.col, severity = d.severity, message = d.message })
  end
  return items
end

local function has_code(code)
  for _, d in ipairs(diagnostics()) do
    if d.code == code then return true end
  end
  return false
end

local function set_cursor(step)
  vim.api.nvim_win_set_cursor(0, { step.line + 1, step.character or 0 })
end

-- Waits for the buffer to change (an applied edit), returns whether it did.
local function wait_change(tick, timeout)
  return vim.wait(timeout, function() return vim.api.nvim_buf_get_changedtick(buf) ~= tick end, 10)
end

local published_at_edit = 0
local steps = {}

-- Diagnostics published after the last edit, or until one with step.hasCode shows (a setting
-- that takes effect later re-publishes the same version).
function steps.diagnostics(step)
  local ok = vim.wait(step.timeoutMs or 5000, function()
    if publishes <= published_at_edit then return false end
    -- A late result for the previous text is not the answer to the edit.
    if published_version ~= nil and published_version ~= vim.lsp.util.buf_versions[buf] then return false end
    return step.hasCode == nil or has_code(step.hasCode)
  end, 10)
  return { timedOut = not ok, items = diagnostics() }
end

function steps.edit(step)
  published_at_edit = publishes
  vim.api.nvim_buf_set_lines(buf, step.line, step.line + 1, false, { step.text })
  return {}
end

-- What `:lua client.notify(...)` does in a running session: push new settings.
function steps.push_settings(step)
  local c = client()
  c.config.settings = step.settings
  published_at_edit = publishes
  c.notify('workspace/didChangeConfiguration', { settings = step.settings })
  return {}
end

-- The request completion makes in insert mode, where the cursor may stand after the last
-- character (in normal mode it cannot, so the position is given, not taken from the cursor).
function steps.complete(step)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = step.line, character = step.character } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, step.timeoutMs or 5000)
  local items, errors = {}, {}
  for _, response in pairs(responses or {}) do
    if response.err then table.insert(errors, response.err.message) end
    local result = response.result or {}
    for _, item in ipairs(result.items or result) do
      table.insert(items, { label = item.label, newText = item.textEdit and item.textEdit.newText or item.insertText or item.label })
    end
  end
  return { items = items, errors = errors }
end

-- The user runs :lua vim.lsp.buf.code_action() and picks the preferred quick fix, else the
-- first quick fix (never, say, a source action that would call AWS).
function steps.code_action(step)
  set_cursor(step)
  local offered = {}
  local default_select = vim.ui.select
  vim.ui.select = function(choices, _, on_choice)
    local preferred, first
    for i, choice in ipairs(choices) do
      local action = choice[2] or choice
      table.insert(offered, action.title)
      if (action.kind or ''):match('^quickfix') then
        first = first or i
        if action.isPreferred then preferred = preferred or i end
      end
    end
    local pick = preferred or first
    on_choice(pick and choices[pick] or nil, pick)
  end
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  published_at_edit = publishes
  vim.lsp.buf.code_action()
  local changed = wait_change(tick, step.timeoutMs or 5000)
  vim.ui.select = default_select
  return { offered = offered, changed = changed, text = text() }
end

function steps.rename(step)
  set_cursor(step)
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  published_at_edit = publishes
  vim.lsp.buf.rename(step.newName)
  local changed = wait_change(tick, step.timeoutMs or 5000)
  return { changed = changed, text = text() }
end

function steps.text()
  return { text = text() }
end

local function run(step)
  notices = {}
  local ok, result = pcall(steps[step.op], step)
  if not ok then result = { error = tostring(result) } end
  result.op = step.op
  result.id = step.id
  if #notices > 0 then result.notices = notices end
  out(result)
end

-- The client exists once the server has answered `initialize`.
vim.wait(10000, function() return client() ~= nil end, 10)
local c = client()
out({ op = 'started', client = c and c.name or vim.NIL, filetype = vim.bo[buf].filetype })
for _, step in ipairs(vim.fn.json_decode(os.getenv('E2E_STEPS') or '[]')) do
  run(step)
end
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd('qa!')
