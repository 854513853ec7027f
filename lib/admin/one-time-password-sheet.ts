// What every handed-over one-time password says, on the CSV and on the printed slip.
export const FIRST_SIGN_IN_NOTE = "首次登录后须修改密码";
