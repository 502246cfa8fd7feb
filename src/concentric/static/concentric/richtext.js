// The rich-text editor (wangEditor, static/vendor/wangeditor) over the textarea of each
// RichTextWidget (core/kit/widgets.py): made on page load and in content htmx swaps in, destroyed
// when htmx removes it. The textarea stays in the form, hidden, and holds the editor's HTML after
// every change; without JavaScript it is the field itself. The server sanitises whatever arrives.
(() => {
  const wangEditor = window.wangEditor;
  if (!wangEditor) return;

  // Only what core.richtext keeps: no colours, fonts, sizes, alignment, indents, video or images
  // from the network.
  const TOOLBAR = [
    "headerSelect", "blockquote", "|",
    "bold", "italic", "underline", "through", "clearStyle", "|",
    "bulletedList", "numberedList", "|",
    "insertLink", "uploadImage", "insertTable", "divider", "|",
    "undo", "redo",
  ];
  const HOVERBARS = {
    text: { menuKeys: ["headerSelect", "insertLink", "bulletedList", "|", "bold", "italic", "through", "clearStyle"] },
    image: { menuKeys: ["editImage", "deleteImage"] },
    table: {
      menuKeys: ["enter", "tableHeader", "insertTableRow", "deleteTableRow", "insertTableCol", "deleteTableCol", "deleteTable"],
    },
  };
  const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
  const editors = new WeakMap(); // container -> editor

  // A path on this site: the images of a body are our own uploads (the server drops any other).
  const isLocalPath = (url) => url.startsWith("/") && !url.startsWith("//") && !url.includes("\\");

  function csrfToken(container) {
    const field = container.closest("form")?.querySelector("[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch {
      return "";
    }
  }

  function setUp(container) {
    if (editors.has(container)) return;
    const textarea = container.querySelector("textarea");
    const toolbarElement = container.querySelector("[data-richtext-toolbar]");
    const editorElement = container.querySelector("[data-richtext-editor]");
    const status = container.querySelector("[data-richtext-status]");
    const { uploadUrl, uploadField, maxBytes, placeholder, uploadFailed, linkRefused } = container.dataset;
    const say = (message) => { status.textContent = message || ""; };

    const editor = wangEditor.createEditor({
      selector: editorElement,
      html: textarea.value || "<p><br></p>",
      mode: "default",
      config: {
        placeholder,
        hoverbarKeys: HOVERBARS,
        customAlert: (message) => say(message),
        onChange(current) {
          textarea.value = current.isEmpty() ? "" : current.getHtml();
          textarea.dispatchEvent(new Event("input", { bubbles: true }));
        },
        MENU_CONF: {
          uploadImage: {
            server: uploadUrl,
            fieldName: uploadField,
            maxFileSize: Number(maxBytes),
            maxNumberOfFiles: 10,
            allowedFileTypes: IMAGE_TYPES,
            base64LimitSize: 0, // never inline an image as a data: URL
            headers: { "X-CSRFToken": csrfToken(container), Accept: "application/json" },
            timeout: 60000,
            onBeforeUpload(file) { say(""); return file; },
            onSuccess() { say(""); },
            onFailed(file, answer) { say(answer?.message || uploadFailed); },
            onError(file, error, response) { say(response?.body?.message || uploadFailed); },
          },
          editImage: { checkImage: (src) => isLocalPath(src) || linkRefused },
          insertLink: { checkLink: (text, url) => /^(https?:|mailto:|\/(?!\/))/i.test(url) || linkRefused },
          editLink: { checkLink: (text, url) => /^(https?:|mailto:|\/(?!\/))/i.test(url) || linkRefused },
        },
      },
    });
    const toolbarKeys = uploadUrl ? TOOLBAR : TOOLBAR.filter((key) => key !== "uploadImage");
    wangEditor.createToolbar({ editor, selector: toolbarElement, mode: "default", config: { toolbarKeys } });
    // The toolbar's buttons show only an icon: their tooltip is their name for a screen reader.
    for (const button of toolbarElement.querySelectorAll("[data-tooltip]")) {
      button.setAttribute("aria-label", button.dataset.tooltip);
    }
    const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
    if (label) editorElement.querySelector("[contenteditable]")?.setAttribute("aria-label", label.textContent.trim());
    textarea.hidden = true;
    toolbarElement.hidden = false;
    editorElement.hidden = false;
    editors.set(container, editor);
  }

  function setUpWithin(root) {
    if (root.matches?.("[data-richtext]")) setUp(root);
    for (const container of root.querySelectorAll?.("[data-richtext]") || []) setUp(container);
  }

  if (document.documentElement.lang.toLowerCase().startsWith("en")) wangEditor.i18nChangeLanguage("en");
  setUpWithin(document);
  document.addEventListener("htmx:load", (event) => setUpWithin(event.target));
  document.addEventListener("htmx:beforeCleanupElement", (event) => {
    const editor = editors.get(event.target);
    if (editor) {
      editors.delete(event.target);
      editor.destroy();
    }
  });
})();
