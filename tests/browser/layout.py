"""What the browser test measures on screen: widget boxes that overlap, figure text as displayed.

Written generically, with no knowledge of the course's widgets: a widget is any ``.jupyter-widgets``
element (or Lumino widget with a ``widget-*`` class) in a cell's output, a figure any ``<img>`` in an
output. The JavaScript runs in the page and returns plain data; the Python side decides and describes.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib

#: the smallest figure text, in CSS px as displayed, that a projector at 1024 px can show legibly
MIN_TEXT_PX = 10.0
#: the widest figure, in inches (helpers/plots.py: MAX_FIGURE_WIDTH_IN)
MAX_FIGURE_WIDTH_IN = 8.0
#: without metadata (a PNG drawn off-screen), assume the course style: 11 pt legends at 80 dpi
COURSE_STYLE_MIN_FONT_PX = 11 * 80 / 72
#: overlaps smaller than this (px, in both directions) are rounding, not a visible defect
TOLERANCE_PX = 1.5

# Boxes of the parts of every widget in every output area: each non-container widget, its direct
# children (description label, control, readout), each option of a radio group, each image in a
# widget. A box is the element's rectangle joined with its content's (text that overflows a fixed
# height, as RadioButtons labels do, counts where it is drawn) unless the element clips its content.
# Two boxes overlap when neither element contains the other and their rectangles intersect.
JS_WIDGET_OVERLAPS = """([tolerance]) => {
  const CONTAINERS = ['widget-box', 'widget-hbox', 'widget-vbox', 'widget-gridbox', 'widget-output',
                      'widget-accordion', 'widget-tab', 'widget-stacked'];
  // a widget's view: .jupyter-widgets, or a Lumino widget with a widget-* class (ipywidgets 8 gives
  // RadioButtons no .jupyter-widgets)
  const VIEW = '.jupyter-widgets, .lm-Widget[class*="widget-"]';
  const isContainer = (e) => CONTAINERS.some(c => e.classList.contains(c));
  const visible = (r) => r.width > 0.5 && r.height > 0.5;
  const describe = (e) => {
    const text = (e.innerText || e.getAttribute('aria-label') || e.tagName).trim().replace(/\\s+/g, ' ');
    const cls = Array.from(e.classList).filter(c => c.startsWith('widget-') || c.startsWith('dq-')).join('.');
    return `${e.tagName.toLowerCase()}${cls ? '.' + cls : ''} "${text.slice(0, 50)}"`;
  };
  const boxOf = (e) => {
    const rect = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    let [left, top, right, bottom] = [rect.left, rect.top, rect.right, rect.bottom];
    if (style.overflow === 'visible' && !['IMG', 'INPUT', 'SVG', 'CANVAS'].includes(e.tagName)) {
      const range = document.createRange();
      range.selectNodeContents(e);
      for (const r of range.getClientRects()) {
        if (!visible(r)) continue;
        left = Math.min(left, r.left); top = Math.min(top, r.top);
        right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
      }
    }
    return {left, top, right, bottom};
  };
  const results = [];
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  cells.forEach((cell, cellIndex) => {
    const roots = Array.from(cell.querySelectorAll('.jp-OutputArea-output ' + VIEW))
      .filter(e => !e.parentElement.closest(VIEW));
    roots.forEach((root, rootIndex) => {
      const parts = new Set();
      const all = [root, ...root.querySelectorAll(VIEW)];
      for (const w of all) {
        if (isContainer(w)) continue;
        if (w.classList.contains('widget-hprogress') || w.classList.contains('widget-vprogress')) continue;
        parts.add(w);
        for (const child of w.children) parts.add(child);
        w.querySelectorAll('.widget-radio-box > label, img').forEach(e => parts.add(e));
      }
      root.querySelectorAll('.widget-output img, .widget-output .jp-RenderedText').forEach(e => parts.add(e));
      const boxes = Array.from(parts)
        .filter(e => visible(e.getBoundingClientRect()) && getComputedStyle(e).visibility !== 'hidden')
        .map(e => ({e, b: boxOf(e)}));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], b = boxes[j];
          if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
          const dx = Math.min(a.b.right, b.b.right) - Math.max(a.b.left, b.b.left);
          const dy = Math.min(a.b.bottom, b.b.bottom) - Math.max(a.b.top, b.b.top);
          if (dx > tolerance && dy > tolerance) {
            results.push({cell: cellIndex, widget: rootIndex, first: describe(a.e), second: describe(b.e),
                          overlap: [Math.round(dx), Math.round(dy)]});
          }
        }
      }
    });
  });
  return results;
}"""

# Every image in an output area (inline figures and Image widgets) with its size as displayed and its
# natural size, and the PNG bytes (base64) for the metadata; blob: URLs (widgets) are fetched.
JS_FIGURES = """async () => {
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  const result = [];
  for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
    const images = cells[cellIndex].querySelectorAll('.jp-OutputArea-output img');
    for (const img of images) {
      const rect = img.getBoundingClientRect();
      if (!img.naturalWidth || rect.width < 1) continue;
      let data = null;
      const src = img.currentSrc || img.src || '';
      if (src.startsWith('data:image/png;base64,')) {
        data = src.slice('data:image/png;base64,'.length);
      } else if (src.startsWith('blob:')) {
        const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
        let binary = '';
        for (let k = 0; k < bytes.length; k += 0x8000) {
          binary += String.fromCharCode.apply(null, bytes.subarray(k, k + 0x8000));
        }
        data = btoa(binary);
      }
      result.push({cell: cellIndex, displayed: rect.width, natural: img.naturalWidth, png: data,
                   widget: !!img.closest('.jupyter-widgets')});
    }
  }
  return result;
}"""


def png_text(data: bytes) -> dict[str, str]:
    """The tEXt/zTXt/iTXt entries of a PNG (empty for anything that is not a PNG)."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return {}
    entries, position = {}, 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        try:
            if kind == b"tEXt":
                key, _, value = body.partition(b"\0")
                entries[key.decode("latin-1")] = value.decode("latin-1")
            elif kind == b"zTXt":
                key, _, value = body.partition(b"\0")
                entries[key.decode("latin-1")] = zlib.decompress(value[1:]).decode("latin-1")
            elif kind == b"iTXt":
                key, _, rest = body.partition(b"\0")
                compressed, rest = rest[0], rest[2:]
                _language, _, rest = rest.partition(b"\0")
                _translated, _, value = rest.partition(b"\0")
                text = zlib.decompress(value) if compressed else value
                entries[key.decode("latin-1")] = text.decode("utf-8")
            elif kind == b"IEND":
                break
        except (ValueError, zlib.error, IndexError):
            continue
    return entries


def transparent_border(data: bytes) -> bool:
    """Whether an image lets the page show through its border (a figure without its own background: its
    dark text is drawn on whatever the theme puts behind it)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if "A" not in image.getbands() and "transparency" not in image.info:
            return False
        alpha = image.convert("RGBA").getchannel("A")
    width, height = alpha.size
    edges = [alpha.crop(box) for box in ((0, 0, width, 1), (0, height - 1, width, height), (0, 0, 1, height))]
    return any(edge.getextrema()[0] < 128 for edge in edges)


def figure_report(image: dict) -> dict:
    """Scale, smallest text as displayed (px) and width (in) of one image from ``JS_FIGURES``."""
    entries = png_text(base64.b64decode(image["png"])) if image.get("png") else {}
    scale = image["displayed"] / image["natural"]
    font = entries.get("course:min-font-px")
    natural_px = float(font) if font else COURSE_STYLE_MIN_FONT_PX
    width = entries.get("course:width-in")
    return {
        "cell": image["cell"],
        "transparent": transparent_border(base64.b64decode(image["png"])) if image.get("png") else False,
        "scale": round(scale, 3),
        "text_px": round(natural_px * scale, 1),
        "font_known": font is not None,
        "width_in": float(width) if width else None,
        "widget": image["widget"],
    }


# Tables in outputs that do not fit: an HTML table wider than its output area, a number in a table
# cell broken over two lines, or a text table (box-drawing characters, or aligned columns) with rows
# longer than the output is wide in characters (JupyterLab wraps long output lines, so a wide text table
# turns into unreadable rows; a long line of prose below a table may wrap).
JS_TABLES = """() => {
  const result = [];
  const NUMBER = /^[\\s\\d.,%+\\-\\u2212\\u2013eE\\u00d7()]+$/;
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  cells.forEach((cell, cellIndex) => {
    cell.querySelectorAll('.jp-OutputArea-output table').forEach(table => {
      const area = table.closest('.jp-OutputArea-output');
      if (table.getBoundingClientRect().width > area.clientWidth + 1) {
        result.push({cell: cellIndex, kind: 'html table wider than the output',
                     width: Math.round(table.getBoundingClientRect().width), room: area.clientWidth});
      }
      for (const td of table.querySelectorAll('td, th')) {
        const text = td.innerText.trim();
        const line = parseFloat(getComputedStyle(td).lineHeight) || 1.3 * parseFloat(getComputedStyle(td).fontSize);
        const range = document.createRange();
        range.selectNodeContents(td);
        if (text && NUMBER.test(text) && range.getBoundingClientRect().height > 1.5 * line) {
          result.push({cell: cellIndex, kind: 'number broken over lines', text});
          break;
        }
      }
    });
    cell.querySelectorAll('.jp-OutputArea-output pre').forEach(pre => {
      // the rows of a text table: box-drawing characters, or at least three columns apart by 2+ spaces
      const rows = pre.innerText.split('\\n').filter(l => /[\\u2500-\\u257f]/.test(l)
        || (l.trim().match(/\\S\\s{2,}(?=\\S)/g) || []).length >= 2);
      if (rows.length < 2) return;
      const style = getComputedStyle(pre);
      const context = document.createElement('canvas').getContext('2d');
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const room = Math.floor(pre.clientWidth / context.measureText('0').width);
      const longest = Math.max(...rows.map(l => l.replace(/\\s+$/, '').length));
      if (longest > room) {
        result.push({cell: cellIndex, kind: 'text table rows wrap', longest, room});
      }
    });
  });
  return result;
}"""


# A number in any output text (printed lines, check lines, HTML outside tables) that the browser broke over
# two lines: the characters of one number token drawn on more than one line (JupyterLab wraps long output
# lines anywhere, so "0.8551 vs 0.8906" can read "0.8551 vs 0.8" / "906"). Table cells: see JS_TABLES.
JS_BROKEN_NUMBERS = """() => {
  const result = [];
  const NUMBER = /[-+\\u2212]?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(?:[eE][-+]?\\d+)?%?/g;
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  cells.forEach((cell, cellIndex) => {
    for (const area of cell.querySelectorAll('.jp-OutputArea-output')) {
      const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('td, th, script, style')) continue;
        for (const match of node.data.matchAll(NUMBER)) {
          if (match[0].length < 2) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0.5)
                                 .map(r => Math.round(r.top)));
          if (tops.size > 1) {
            const line = node.data.slice(0, match.index).split('\\n').pop()
              + node.data.slice(match.index).split('\\n')[0];
            const found = {cell: cellIndex, number: match[0], line: line.trim().slice(0, 120)};
            if (!result.some(r => r.cell === found.cell && r.line === found.line)) result.push(found);
          }
        }
      }
    }
  });
  return result;
}"""

# Markdown that did not render: ``**`` or a backtick in the text of a rendered Markdown cell, outside code
# (a line starting with an HTML comment turns its block into raw HTML, where Markdown is shown literally).
JS_MARKDOWN_LITERALS = """() => {
  const result = [];
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  cells.forEach((cell, cellIndex) => {
    for (const prose of cell.querySelectorAll('.jp-MarkdownOutput')) {
      const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('code, pre, kbd, script, style, .MathJax, mjx-container')) continue;
        const at = node.data.search(/\\*\\*|`/);
        if (at >= 0) {
          const text = node.data.slice(Math.max(0, at - 40), at + 60).replace(/\\s+/g, ' ').trim();
          result.push({cell: cellIndex, text});
        }
      }
    }
  });
  return result;
}"""

#: WCAG 2.x AA: normal text at least 4.5:1, large text (24 px, or 18.66 px bold) at least 3:1
MIN_CONTRAST, MIN_CONTRAST_LARGE = 4.5, 3.0

# The contrast of every visible piece of text in prose (rendered Markdown, but not its code blocks, which
# JupyterLab's syntax theme colours), quiz feedback and exercise feedback (an output, or a widget's HTML,
# whose text starts with a verdict): its computed colour against its effective background (the backgrounds
# of its ancestors composed up to the first opaque one), as WCAG computes it. One entry per distinct (cell,
# kind, colour, background, size class), with its lowest ratio.
JS_CONTRAST = """() => {
  const VERDICT = /^\\s*[\\u2713\\u2717]?\\s*(Correct|Not quite)\\./;
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const v = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = (e) => {
    const layers = [];
    for (let a = e; a; a = a.parentElement) {
      const c = parse(getComputedStyle(a).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let color = [255, 255, 255, 1];  // the canvas behind everything
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const describe = (e) => e.tagName.toLowerCase()
    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const found = new Map();
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  cells.forEach((cell, cellIndex) => {
    const roots = [];
    cell.querySelectorAll('.jp-MarkdownOutput').forEach(e => roots.push([e, 'prose']));
    cell.querySelectorAll('.jp-OutputArea-output, .widget-html-content').forEach(e => {
      const widget = e.closest('.jupyter-widgets, .lm-Widget[class*="widget-"]');
      if (VERDICT.test(e.innerText || '')) roots.push([e, widget ? 'quiz feedback' : 'exercise feedback']);
    });
    for (const [root, kind] of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const e = node.parentElement;
        // code blocks in prose are coloured by JupyterLab's syntax theme, not by the course
        if (!node.data.trim() || e.closest('.MathJax, mjx-container, script, style, pre')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (!Array.from(range.getClientRects()).some(r => r.width > 0.5 && r.height > 0.5)) continue;
        const style = getComputedStyle(e);
        if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
        const back = background(e);
        const ink = over(parse(style.color) || [0, 0, 0, 1], back);
        const [l1, l2] = [luminance(ink), luminance(back)].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
        const large = size >= 24 || (bold && size >= 18.66);
        const key = [cellIndex, kind, hex(ink), hex(back), large].join('|');
        const old = found.get(key);
        if (!old || ratio < old.ratio) {
          found.set(key, {cell: cellIndex, kind, color: hex(ink), background: hex(back), large,
                          ratio: Math.round(ratio * 100) / 100, element: describe(e),
                          text: node.data.trim().replace(/\\s+/g, ' ').slice(0, 60)});
        }
      }
    }
  });
  return Array.from(found.values());
}"""


def low_contrast(measured: list[dict]) -> list[dict]:
    """The entries of ``JS_CONTRAST`` below WCAG AA (4.5:1, or 3:1 for large text)."""
    return [m for m in measured if m["ratio"] < (MIN_CONTRAST_LARGE if m["large"] else MIN_CONTRAST)]
