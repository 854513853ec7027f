/** Refusal of a request for want of a session (401) or of the right role, scope or state (403). */
export class AccessDeniedError extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    message = status === 401 ? "请先登录。" : status === 404 ? "未找到该记录。" : "无权执行此操作。",
  ) {
    super(message);
  }
}
