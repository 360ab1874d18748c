// Line icons drawn on a 16×16 grid (stroke = currentColor), in the spirit of Fluent MDL2.
// Inline paths rather than an icon font: no remote or extra font files, and they inherit colour.

const circle = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`

export const ICONS = {
  dashboard: 'M2 2h5v6H2zM9 2h5v3H9zM9 7h5v7H9zM2 10h5v4H2z',
  server: 'M3 1.5h10v4H3zM3 6h10v4H3zM3 10.5h10v4H3zM5 3.5h1M5 8h1M5 12.5h1',
  drive: `M2 4.5h12v7H2zM11.5 8h.5${circle(5, 8, 1)}`,
  volume: 'M2.5 4c0-1.4 11-1.4 11 0v8c0 1.4-11 1.4-11 0zM2.5 4c0 1.4 11 1.4 11 0M2.5 8c0 1.4 11 1.4 11 0',
  powershell: 'M1.5 2.5h13v11h-13zM4 6l2.5 2L4 10M8 10.5h4',
  settings: `${circle(8, 8, 2.2)}M8 1v2.3M8 12.7V15M1 8h2.3M12.7 8H15M3 3l1.7 1.7M11.3 11.3L13 13M3 13l1.7-1.7M11.3 4.7L13 3`,
  vm: 'M1.5 2.5h13v9h-13zM5 14.5h6M8 11.5v3',
  kubernetes: `M8 1.5l5.6 2.7 1.4 6-3.9 4.8H4.9L1 10.2l1.4-6z${circle(8, 8.3, 2)}M8 3.5v2.8M8 10.3v2.5M3.6 7l2.5.8M9.9 8.7l2.5.8`,
  search: `${circle(6.5, 6.5, 4.5)}M10 10l4.5 4.5`,
  bell: 'M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14h3',
  add: 'M8 2v12M2 8h12',
  delete: 'M2.5 4h11M6 4V2.5h4V4M4 4l.8 10h6.4L12 4M6.5 6.5v5M9.5 6.5v5',
  extend: 'M9.5 2H14v4.5M14 2L9 7M6.5 14H2V9.5M2 14l5-5',
  edit: 'M11 2.5l2.5 2.5L5.5 13H3v-2.5zM9.5 4L12 6.5',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2v3h-3',
  close: 'M3 3l10 10M13 3L3 13',
  chevronDown: 'M3.5 6l4.5 4.5L12.5 6',
  chevronRight: 'M6 3.5l4.5 4.5L6 12.5',
  back: 'M13 8H3M7 4L3 8l4 4',
  copy: 'M5 5h8.5v9.5H5zM3 11V1.5h8',
  pause: 'M5 3v10M11 3v10',
  play: 'M4.5 2.5l9 5.5-9 5.5z',
  eye: `M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z${circle(8, 8, 2)}`,
  eyeOff: 'M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5zM2 2l12 12',
  lab: 'M6 1.5h4M6.5 1.5v4.5L2.5 13.5h11L9.5 6V1.5M4.5 10h7',
  cluster: 'M1.5 5h5v4h-5zM9.5 5h5v4h-5zM5.5 11h5v4h-5zM4 9v1.2h8V9M8 10.2V11',
  more: 'M3 8h.5M8 8h.5M13 8h.5',
  info: `${circle(8, 8, 6.5)}M8 7v4.5M8 4.5v.5`,
  download: 'M8 2v9M4.5 7.5L8 11l3.5-3.5M2.5 14h11',
  upload: 'M8 11V2M4.5 5.5L8 2l3.5 3.5M2.5 14h11',
  folder: 'M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z',
  check: 'M3 8.5l3 3 7-7',
  save: 'M2.5 2.5h9l2 2v9h-11zM5 2.5v3.5h5V2.5M5 13.5v-4h6v4',
} as const

export type IconName = keyof typeof ICONS
