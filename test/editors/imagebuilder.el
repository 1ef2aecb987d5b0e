;; In init.el (Emacs 28 with Debian's elpa-eglot, or Emacs 29+ where eglot is built in).
(require 'eglot)
;; Emacs 28 has no YAML mode; the yaml-mode package (or Emacs 29's yaml-ts-mode) works as well.
(unless (fboundp 'yaml-mode)
  (define-derived-mode yaml-mode text-mode "YAML")
  (add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode)))
(add-to-list 'eglot-server-programs '(yaml-mode "imagebuilder-yaml" "lsp" "--stdio"))
(add-hook 'yaml-mode-hook #'eglot-ensure)
