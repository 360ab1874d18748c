import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorView } from '@codemirror/view'
import { tags } from '@lezer/highlight'

// CodeMirror's default theme and highlight style are made for a light page: in the dark theme the
// keys and strings were dark on dark. Every colour here is a theme variable (theme.css), so the
// editor follows the app's light and dark themes without being rebuilt when the theme changes.

const editorTheme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--surface)' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--yaml-selection)',
  },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-gutters': {
    backgroundColor: 'var(--code-bg)',
    color: 'var(--text-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-hover)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--surface-selected)', outline: 'none' },
})

const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--yaml-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--yaml-string)' },
  { tag: tags.content, color: 'var(--yaml-value)' },
  { tag: [tags.lineComment, tags.comment], color: 'var(--yaml-comment)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.keyword, tags.typeName, tags.labelName], color: 'var(--yaml-meta)' },
  { tag: tags.separator, color: 'var(--text-muted)' },
])

/** The editor's look in the app's theme: surface, gutters, selection and YAML token colours. */
export const yamlTheme = [editorTheme, syntaxHighlighting(highlight)]
