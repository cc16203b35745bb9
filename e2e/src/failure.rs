//! What went wrong, in words for the test's output: a scenario step stops at the first failure
//! and reports it with the page state, so errors are plain messages rather than panics.

use std::fmt;

#[derive(Debug)]
pub struct Failure(pub String);

pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure(message.into())
    }

    /// The same failure with what was being done in front of it.
    pub fn context(self, doing: &str) -> Failure {
        Failure(format!("{doing}: {}", self.0))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<thirtyfour::error::WebDriverError> for Failure {
    fn from(error: thirtyfour::error::WebDriverError) -> Failure {
        Failure(format!("webdriver: {error}"))
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure(format!("io: {error}"))
    }
}
