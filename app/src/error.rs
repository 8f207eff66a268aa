//! The one error type of server functions: Vietnamese for the person, a status for HTTP.
//! Internal causes are logged on the server and never sent.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, as the user may be told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session.
    #[error("Phiên đăng nhập đã hết hạn hoặc bạn chưa đăng nhập. Vui lòng đăng nhập lại.")]
    Unauthenticated,
    /// Signed in, but the role or scope does not allow it.
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    /// The record does not exist or is outside the caller's scope.
    #[error("Không tìm thấy dữ liệu được yêu cầu.")]
    NotFound,
    /// Wrong username or password (never says which).
    #[error("Tên đăng nhập hoặc mật khẩu không đúng.")]
    BadCredentials,
    /// Too many failed logins.
    #[error("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {0} phút.")]
    RateLimited(u32),
    /// Input that fails validation; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// A failure on the server; details are in the server log.
    #[error("Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.")]
    Internal,
    /// The request did not reach the server or the answer could not be read.
    #[error("Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::MissingArg(msg) => {
                AppError::Invalid(format!("Dữ liệu gửi lên không hợp lệ: {msg}"))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status the server answers with, so API clients and tests can tell errors apart.
    pub fn http_status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
