;;; emacs-e2e.el --- drives Emacs + eglot through the README's set-up  -*- lexical-binding: t -*-
;; For test/editors.test.ts:
;;   E2E_CONFIG=test/editors/imagebuilder.el E2E_FILE=doc.yaml E2E_STEPS='[...]' \
;;     emacs --batch -l test/editors/emacs-e2e.el
;; Not -Q: Debian activates elpa-eglot from site-start.  Settings come from the project's
;; .dir-locals.el, as the README says.  E2E_NO_CONNECT_PUSH=1 stops eglot from pushing them
;; after connecting, so the server has to ask (workspace/configuration).
;; Every step prints one JSON line; a failing step prints its error and the run goes on.
(require 'cl-lib)
(require 'json)

(defun e2e-out (alist) (princ (concat (json-encode alist) "\n")))

(defvar e2e-publishes 0)
(defvar e2e-published-at-edit 0)
(defvar e2e-notices nil)
(defvar e2e-last-published nil "Diagnostics count of the last publishDiagnostics, for failure messages.")
(defvar e2e-published-version nil "Document version of the last publishDiagnostics.")

(load (getenv "E2E_CONFIG") nil t)
(when (getenv "E2E_NO_CONNECT_PUSH")
  (remove-hook 'eglot-connect-hook #'eglot-signal-didChangeConfiguration))
(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest args)
              (when (eq method 'textDocument/publishDiagnostics)
                (cl-incf e2e-publishes)
                (setq e2e-published-version (plist-get args :version))
                (setq e2e-last-published (length (plist-get args :diagnostics))))))
;; Messages such as "Server can't rename!" become output.
(advice-add 'eglot--error :before
            (lambda (format &rest args) (push (apply #'format-message format args) e2e-notices)))

(defun e2e-wait (seconds predicate)
  "Process server output until PREDICATE holds or SECONDS pass; non-nil if it held."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.01))
    (funcall predicate)))

(defun e2e-pos (step)
  (goto-char (point-min))
  (forward-line (plist-get step :line))
  (forward-char (or (plist-get step :character) 0)))

(defun e2e-timeout (step) (/ (or (plist-get step :timeoutMs) 5000) 1000.0))

(defun e2e-lsp-diag (d) (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))

(defun e2e-diagnostics ()
  "What Flymake shows in the buffer, with the LSP code and start of each."
  (vconcat
   (mapcar (lambda (d)
             (let* ((lsp (e2e-lsp-diag d)) (start (plist-get (plist-get lsp :range) :start)))
               `((code . ,(plist-get lsp :code)) (line . ,(plist-get start :line))
                 (character . ,(plist-get start :character)) (severity . ,(plist-get lsp :severity))
                 (message . ,(plist-get lsp :message)))))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun e2e-has-code (code)
  (cl-some (lambda (d) (equal (plist-get (e2e-lsp-diag d) :code) code)) (flymake-diagnostics)))

(defun e2e-after-edit ()
  "What happens when the user stops typing: eglot's idle timer (which batch mode never runs)
sends the change, and Flymake asks its backends again."
  (setq e2e-published-at-edit e2e-publishes)
  (eglot--signal-textDocument/didChange)
  (flymake-start))

(defun e2e-text () (buffer-substring-no-properties (point-min) (point-max)))

(defun e2e-changed-since (tick timeout)
  (e2e-wait timeout (lambda () (/= (buffer-chars-modified-tick) tick))))

(defun e2e-step (step)
  (pcase (plist-get step :op)
    ("diagnostics"
     (let* ((code (plist-get step :hasCode))
            (ok (e2e-wait (e2e-timeout step)
                          ;; A late result for the previous text is not the answer to the edit.
                          (lambda () (and (> e2e-publishes e2e-published-at-edit)
                                          (or (null e2e-published-version)
                                              (equal e2e-published-version eglot--versioned-identifier))
                                          (or (null code) (e2e-has-code code)))))))
       `((timedOut . ,(if ok :json-false t)) (items . ,(e2e-diagnostics))
         (published . ,e2e-publishes) (lastPublished . ,e2e-last-published))))
    ("edit"
     (e2e-pos step)
     (delete-region (line-beginning-position) (line-end-position))
     (insert (plist-get step :text))
     (e2e-after-edit)
     nil)
    ("push_settings"
     ;; What a user does mid-session: change the setting, then M-x eglot-signal-didChangeConfiguration.
     (setq-local eglot-workspace-configuration (plist-get step :settings))
     (setq e2e-published-at-edit e2e-publishes)
     (eglot-signal-didChangeConfiguration (eglot-current-server))
     nil)
    ("complete"
     (e2e-pos step)
     ;; What completion-at-point (C-M-i) calls.
     (let ((capf (eglot-completion-at-point)))
       `((items . ,(vconcat
                    (when capf
                      (mapcar (lambda (label) `((label . ,(substring-no-properties label))))
                              (all-completions (buffer-substring-no-properties (nth 0 capf) (nth 1 capf))
                                               (nth 2 capf)))))))))
    ("code_action"
     (e2e-pos step)
     ;; M-x eglot-code-action-quickfix on the diagnostic at point; the user accepts the default
     ;; choice (the preferred quick fix, else the first).
     (let* ((diag (car (flymake-diagnostics (point))))
            (beg (if diag (flymake-diagnostic-beg diag) (point)))
            (end (if diag (flymake-diagnostic-end diag) (point)))
            (offered (mapcar (lambda (a) (plist-get a :title)) (eglot-code-actions beg end)))
            (tick (buffer-chars-modified-tick)))
       (setq e2e-published-at-edit e2e-publishes)
       (cl-letf (((symbol-function 'completing-read)
                  (lambda (_prompt _collection &optional _pred _require _initial _hist def &rest _) def))
                 (last-nonmenu-event ?\r))
         (eglot-code-actions beg end "quickfix" t))
       (let ((changed (e2e-changed-since tick (e2e-timeout step))))
         (when changed (e2e-after-edit))
         `((offered . ,(vconcat offered)) (changed . ,(if changed t :json-false)) (text . ,(e2e-text))))))
    ("rename"
     (e2e-pos step)
     (let ((tick (buffer-chars-modified-tick)))
       (setq e2e-published-at-edit e2e-publishes)
       (eglot-rename (plist-get step :newName))
       (let ((changed (e2e-changed-since tick (e2e-timeout step))))
         (when changed (e2e-after-edit))
         `((changed . ,(if changed t :json-false)) (text . ,(e2e-text))))))
    ("text" `((text . ,(e2e-text))))
    (op (error "Unknown step %s" op))))

(let ((steps (json-parse-string (or (getenv "E2E_STEPS") "[]") :object-type 'plist :array-type 'list)))
  (find-file (getenv "E2E_FILE"))
  ;; The command loop runs post-command-hook after C-x C-f: eglot-ensure connects there, and
  ;; Flymake starts there.
  (run-hooks 'post-command-hook)
  (e2e-out `((op . "started") (mode . ,(symbol-name major-mode))
             (server . ,(let ((s (eglot-current-server))) (and s (plist-get (eglot--server-info s) :name))))))
  (run-hooks 'post-command-hook)
  (dolist (step steps)
    (setq e2e-notices nil)
    (let ((result (condition-case err (e2e-step step)
                    (error `((error . ,(error-message-string err)))))))
      (e2e-out `((op . ,(plist-get step :op)) (id . ,(plist-get step :id))
                 ,@(when e2e-notices `((notices . ,(vconcat (reverse e2e-notices)))))
                 ,@result))))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))
