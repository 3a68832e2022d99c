//! The dev-bank answers over real HTTP on loopback.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn answers_health_over_http() {
    let (listener, addr) = dev_bank::bind(([127, 0, 0, 1], 0).into()).await.unwrap();
    let app = dev_bank::AppState::new(&dev_bank::Options::default()).unwrap();
    let server = tokio::spawn(dev_bank::serve(listener, app, std::future::pending()));

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();

    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""), "{answer}");
    server.abort();
}

#[tokio::test]
async fn a_taken_port_is_a_clear_error() {
    let (_listener, addr) = dev_bank::bind(([127, 0, 0, 1], 0).into()).await.unwrap();
    let error = dev_bank::bind(addr).await.unwrap_err();
    assert!(error.to_string().contains("cannot listen on"), "{error}");
}
