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

  // wangEditor resets the position of its floating bars and dialogs with setAttribute("style",
  // ""), which our CSP (style-src 'self', no 'unsafe-inline') blocks; the same change through the
  // CSSOM is allowed, so style attributes set from script on this page go that way
  // (docs/decisions.md). Style attributes in markup stay blocked.
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "style" && this.style) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
  const editors = new WeakMap(); // container -> editor

  // A path on this site: the images of a body are our own uploads (the server drops any other).
  const isLocalPath = (url) => url.startsWith("/") && !url.startsWith("//") && !url.includes("\\");

  // Pasted HTML (Word, WPS, web pages) cut down to structure before the editor reads it, in an
  // inert document (nothing loads): a style meaning bold, italic or underline
  // becomes that tag; every other style, class, comment, Office tag and image not of this site goes.
  const DROPPED = "style, script, meta, link, title, xml, template, noscript, iframe, object, embed, svg, math";
  const UNWRAPPED = new Set(["SPAN", "FONT"]);
  const KEPT_ATTRIBUTES = new Set(["href", "src", "alt", "colspan", "rowspan"]);
  const STYLE_TAGS = [[/font-weight\s*:\s*(bold|[6-9]00)/i, "strong"], [/font-style\s*:\s*italic/i, "em"],
    [/text-decoration[^;]*underline/i, "u"]];

  function cleanPaste(html) {
    // Even an inert document reports the style attributes it parses to the page's CSP: renamed first.
    const renamed = html.replace(/<style[\s\S]*?<\/style\s*>/gi, "").replace(/(<[a-z][^>]*?\s)style(\s*=)/gi, "$1data-style$2");
    const doc = new DOMParser().parseFromString(renamed, "text/html");
    for (const node of doc.querySelectorAll(DROPPED)) node.remove();
    const comments = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
    const found = [];
    while (comments.nextNode()) found.push(comments.currentNode);
    for (const comment of found) comment.remove();
    for (const element of [...doc.body.querySelectorAll("*")]) {
      const style = element.getAttribute("data-style") || "";
      for (const [pattern, tag] of STYLE_TAGS) {
        if (pattern.test(style) && !element.closest(tag)) {
          const wrapper = doc.createElement(tag);
          wrapper.append(...element.childNodes);
          element.append(wrapper);
        }
      }
      for (const { name } of [...element.attributes]) {
        if (!KEPT_ATTRIBUTES.has(name)) element.removeAttribute(name);
      }
      if (element.tagName === "IMG" && !isLocalPath(element.getAttribute("src") || "")) element.remove();
      // A span (or Office tag, font) goes, its children taking its place: left in, the editor
      // would read a span's bold or italic child as the style of all its text.
      else if (element.tagName.includes(":") || UNWRAPPED.has(element.tagName)) element.replaceWith(...element.childNodes);
    }
    formatTextOnly(doc);
    return doc.body.innerHTML;
  }

  // The editor reads a formatting element as one run of text: every style found inside it would
  // apply to all its text ("<b>粗<i>斜</i></b>" would come out all italic). So each formatting
  // element is split until it holds one text only: "<b>粗</b><b><i>斜</i></b>".
  const FORMATTING = "strong, b, em, i, u, s, strike, del, sub, sup, code";

  function formatTextOnly(doc) {
    for (const element of [...doc.body.querySelectorAll(FORMATTING)]) {
      const texts = [];
      const walker = doc.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) texts.push(walker.currentNode);
      if (texts.length === 1 && element.childNodes.length === 1) continue; // holds one text already
      for (const text of texts) {
        const wrapper = doc.createElement(element.tagName.toLowerCase());
        text.replaceWith(wrapper);
        wrapper.append(text);
      }
      element.replaceWith(...element.childNodes);
    }
  }

  function paste(editor, event) {
    const html = event.clipboardData?.getData("text/html");
    if (!html || event.clipboardData.files.length) return true; // text or image files: the editor's own way
    event.preventDefault();
    editor.dangerouslyInsertHtml(cleanPaste(html));
    return false;
  }

  // A refusal answers 400 with {"errno": 1, "message": "…"}; the uploader hands the failed
  // request over on the error (its response argument stays empty): the server's reason, or "".
  function refusal(error, response) {
    if (response?.body?.message) return String(response.body.message);
    try {
      return String(JSON.parse(error?.request?.responseText || "{}").message || "");
    } catch {
      return "";
    }
  }

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
    // A refusal (the server's own reason for an image, a link not allowed …) shows above the
    // toolbar, where the user just clicked, and is brought into view: not below a tall editor.
    const say = (message, type = "error") => {
      status.textContent = message || "";
      status.hidden = !message;
      status.classList.toggle("alert-danger", type === "error" || type === "warning");
      status.classList.toggle("alert-info", type !== "error" && type !== "warning");
      if (message) status.scrollIntoView({ block: "nearest" });
    };

    const editor = wangEditor.createEditor({
      selector: editorElement,
      html: textarea.value || "<p><br></p>",
      mode: "default",
      config: {
        placeholder,
        hoverbarKeys: HOVERBARS,
        customAlert: (message, type) => say(message, type),
        customPaste: paste,
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
            onError(file, error, response) { say(refusal(error, response) || uploadFailed); },
          },
          editImage: { checkImage: (src) => isLocalPath(src) || linkRefused },
          insertLink: { checkLink: (text, url) => /^(https?:|mailto:|\/(?!\/))/i.test(url) || linkRefused },
          editLink: { checkLink: (text, url) => /^(https?:|mailto:|\/(?!\/))/i.test(url) || linkRefused },
        },
      },
    });
    const toolbarKeys = uploadUrl ? TOOLBAR : TOOLBAR.filter((key) => key !== "uploadImage");
    wangEditor.createToolbar({ editor, selector: toolbarElement, mode: "default", config: { toolbarKeys } });
    const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
    const name = label ? label.textContent.replace("*", "").trim() : "";
    const describe = () => describeFor(container, name);
    describe();
    new MutationObserver(describe).observe(container, { childList: true, subtree: true });
    textarea.hidden = true;
    toolbarElement.hidden = false;
    editorElement.hidden = false;
    editors.set(container, editor);
  }

  // What wangEditor leaves out for screen readers: its buttons show only an icon (their tooltip
  // becomes their name), and its editable area says role="textarea", which is no ARIA role.
  // Its toolbar and floating bars are drawn after it is made, and again later: so on each change.
  function describeFor(container, name) {
    for (const button of container.querySelectorAll("button[data-tooltip]")) {
      const label = button.dataset.tooltip.split("\n")[0].trim();
      if (button.textContent.trim()) button.removeAttribute("aria-label"); // a select: its text is its name
      else if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
    }
    for (const area of container.querySelectorAll('[contenteditable][role="textarea"]')) {
      area.setAttribute("role", "textbox");
      area.setAttribute("aria-multiline", "true");
      if (name) area.setAttribute("aria-label", name);
    }
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
