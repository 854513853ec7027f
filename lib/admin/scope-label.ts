/** How a scope reads in the 范围 picker and the user form: 宁夏回族自治区 › 银川市 › 贺兰县 › 金贵镇（640122101000）. */
export function scopeLabel(o: { code: string; path: string[] }): string {
  return `${o.path.join(" › ")}（${o.code}）`;
}
