-- ~/.config/nvim/lua/imagebuilder.lua (Neovim 0.7 or later). In init.lua:
--   require('imagebuilder').setup({ imagebuilder = { platform = 'Linux' } })
local M = {}

function M.setup(settings)
  local client_id
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'yaml',
    callback = function(args)
      -- One server for all YAML buffers; it ignores YAML that is not an Image Builder document.
      if not (client_id and vim.lsp.get_client_by_id(client_id)) then
        client_id = vim.lsp.start_client({
          name = 'imagebuilder-yaml',
          cmd = { 'imagebuilder-yaml', 'lsp', '--stdio' },
          root_dir = vim.fn.getcwd(),
          settings = settings or {},
          -- Neovim 0.7 answers workspace/configuration but does not announce it, so push too.
          on_init = function(client)
            client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
          end,
        })
      end
      vim.lsp.buf_attach_client(args.buf, client_id)
    end,
  })
end

return M
