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
    /// The password was set by an administrator (first start, reset): choose one first.
    #[error(
        "Bạn cần đổi mật khẩu do quản trị viên cấp trước khi tiếp tục. Hãy mở trang chủ để đổi mật khẩu."
    )]
    PasswordChangeRequired,
    /// Too many failed logins.
    #[error("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {0} phút.")]
    RateLimited(u32),
    /// Input that fails validation; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// The request body is larger than the server takes; the message says what to do.
    #[error("{0}")]
    TooLarge(String),
    /// The request body cannot be read at all (not JSON, cut off).
    #[error("{0}")]
    Malformed(String),
    /// The request body is not of the type this door takes (the sync API takes JSON only).
    #[error("Dữ liệu gửi lên không đúng định dạng. Hãy cập nhật ứng dụng và đồng bộ lại.")]
    UnsupportedMediaType,
    /// The server is doing as much of this as it takes at once (large exports).
    #[error("Máy chủ đang bận xuất tệp khác. Vui lòng thử lại sau ít phút.")]
    Busy,
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
            AppError::Forbidden | AppError::PasswordChangeRequired => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable machine code, the same on every door (server functions, sync API, downloads).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::PasswordChangeRequired => "password_change_required",
            AppError::NotFound => "not_found",
            AppError::BadCredentials => "bad_credentials",
            AppError::RateLimited(_) => "rate_limited",
            AppError::Invalid(_) => "invalid_body",
            AppError::TooLarge(_) => "payload_too_large",
            AppError::Malformed(_) => "malformed_json",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::Busy => "busy",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// English description for logs and API clients.
    pub fn english(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "no valid session",
            AppError::Forbidden => "the role or scope does not allow this",
            AppError::PasswordChangeRequired => "the password must be changed first",
            AppError::NotFound => "not found",
            AppError::BadCredentials => "wrong username or password",
            AppError::RateLimited(_) => "too many failed logins",
            AppError::Invalid(_) => "invalid input",
            AppError::TooLarge(_) => "request body too large",
            AppError::Malformed(_) => "request body is not valid JSON",
            AppError::UnsupportedMediaType => "the body must be application/json",
            AppError::Busy => "too many exports running; retry later",
            AppError::Internal => "internal server error",
            AppError::Transport(_) => "transport failure",
        }
    }
}

/// Plain HTTP doors (the sync API, downloads) answer with the same error as server functions,
/// as JSON [`crate::api::ApiError`]: a stable code, English for logs, Vietnamese for people.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let body = crate::api::ApiError {
            code: self.code().into(),
            error: self.english().into(),
            message: self.to_string(),
        };
        let mut response = (self.http_status(), axum::Json(body)).into_response();
        // Errors carry no personal data, but a shared cache has no business keeping them.
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        response
    }
}
