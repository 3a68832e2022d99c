//! What slow and greedy clients can hold, over real sockets: the time limits on headers
//! and bodies, the immediate 413 for a declared length over the limit, the cap on open
//! connections.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use dev_bank::{AppState, Limits, Options};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Short limits, so the tests do not wait long.
const LIMITS: Limits = Limits {
    header_timeout: Duration::from_millis(500),
    body_timeout: Duration::from_millis(500),
    request_timeout: Duration::from_secs(5),
    max_connections: 100,
    max_per_client: 100,
};

async fn start(limits: Limits) -> SocketAddr {
    let (listener, addr) = dev_bank::bind(([127, 0, 0, 1], 0).into()).await.unwrap();
    let app = AppState::new(&Options {
        limits,
        ..Options::default()
    })
    .unwrap();
    tokio::spawn(dev_bank::serve(listener, app, std::future::pending()));
    addr
}

/// Signs the CN sample's customer in; returns the `Cookie` and `X-CSRF-Token` header
/// lines a request of theirs carries.
async fn signed_in(addr: SocketAddr) -> String {
    let body = r#"{"customer":"wang","passcode":"demo"}"#;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "POST /api/session HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let answer = read_all(&mut stream).await;
    let cookies: Vec<&str> = answer
        .lines()
        .filter_map(|line| line.strip_prefix("set-cookie: "))
        .filter_map(|cookie| cookie.split(';').next())
        .collect();
    let csrf = cookies
        .iter()
        .find_map(|c| c.strip_prefix("repay_csrf="))
        .unwrap();
    format!("Cookie: {}\r\nX-CSRF-Token: {csrf}\r\n", cookies.join("; "))
}

/// Everything the server sends until it closes the connection (or 10 s pass).
async fn read_all(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut raw)).await;
    String::from_utf8_lossy(&raw).into_owned()
}

/// Writes `bytes` one at a time, `gap` apart, until the server closes the connection;
/// returns how long the connection stayed open.
async fn trickle(stream: &mut TcpStream, bytes: &[u8], gap: Duration) -> Duration {
    let started = Instant::now();
    for byte in bytes {
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        let mut probe = [0u8; 256];
        // Anything but a time-out means the server answered or closed: it is over.
        if tokio::time::timeout(gap, stream.read(&mut probe))
            .await
            .is_ok()
        {
            break;
        }
    }
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eighty_connections_sending_headers_a_byte_at_a_time_are_all_closed() {
    let addr = start(LIMITS).await;
    let head = b"POST /api/proposals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut clients = Vec::new();
    for _ in 0..80 {
        clients.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            // A byte every 100 ms: the whole head would take over 13 s.
            trickle(&mut stream, head, Duration::from_millis(100)).await
        }));
    }
    for client in clients {
        let open = client.await.unwrap();
        assert!(
            open < Duration::from_secs(5),
            "a slow client held on for {open:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_sent_a_byte_at_a_time_is_answered_408() {
    let addr = start(LIMITS).await;
    let session = signed_in(addr).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/proposals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         {session}Idempotency-Key: 6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c80\r\nContent-Length: 400\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let body = [b' '; 400];
    let mut answer = Vec::new();
    for byte in body {
        if stream.write_all(&[byte]).await.is_err() {
            break;
        }
        let mut probe = [0u8; 1024];
        if let Ok(Ok(n)) =
            tokio::time::timeout(Duration::from_millis(100), stream.read(&mut probe)).await
        {
            answer.extend_from_slice(&probe[..n]);
            break;
        }
    }
    let mut rest = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.read_to_string(&mut rest)).await;
    let answer = String::from_utf8_lossy(&answer).into_owned() + &rest;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"error\":\"request_timeout\""), "{answer}");
}

#[tokio::test]
async fn a_declared_ten_gigabyte_body_is_answered_413_at_once() {
    let addr = start(Limits::default()).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            b"POST /api/proposals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
              Idempotency-Key: 6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c81\r\n\
              Content-Length: 10737418240\r\n\r\n",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let mut head = [0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut head))
        .await
        .expect("an answer within 2 s, without the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&head[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_connection_over_the_cap_is_told_to_come_back_and_closed() {
    let addr = start(Limits {
        max_connections: 2,
        ..Limits::default()
    })
    .await;
    // Two connections that say nothing hold the two places.
    let _first = TcpStream::connect(addr).await.unwrap();
    let _second = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(addr).await.unwrap();
    let answer = read_all(&mut third).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
    let body = &answer[answer.find("\r\n\r\n").unwrap() + 4..];
    let refusal: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(refusal["error"], "server_error");
    // Once one place is free, a request is served again.
    drop(_first);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fourth = TcpStream::connect(addr).await.unwrap();
    fourth
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = read_all(&mut fourth).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// A connection from `source` (another loopback address: the cap counts by peer address).
async fn connect_from(source: [u8; 4], addr: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind((source, 0).into()).unwrap();
    socket.connect(addr).await.unwrap()
}

async fn health_from(source: [u8; 4], addr: SocketAddr) -> String {
    let mut stream = connect_from(source, addr).await;
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    read_all(&mut stream).await
}

/// One client holding every connection it can, renewed as they close, keeps no customer
/// out (#29): it gets its share of places, and when every place is taken the idle ones
/// are closed to make room.
#[tokio::test]
async fn one_client_holding_connections_keeps_no_customer_out() {
    let addr = start(Limits {
        max_connections: 8,
        max_per_client: 4,
        ..LIMITS
    })
    .await;
    let greedy = [127, 0, 0, 2];
    let mut held = Vec::new();
    for _ in 0..20 {
        held.push(connect_from(greedy, addr).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Only its share is open; the rest were told to come back and closed.
    let mut refused = 0;
    for stream in &mut held {
        let mut head = [0u8; 64];
        if let Ok(Ok(n)) =
            tokio::time::timeout(Duration::from_millis(100), stream.read(&mut head)).await
        {
            if String::from_utf8_lossy(&head[..n]).starts_with("HTTP/1.1 503") {
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 16, "a client's share is 4 connections");
    let answer = health_from([127, 0, 0, 3], addr).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;

    // Two clients holding every place with idle connections: the next customer is
    // refused once, and the idle connections are closed to make room.
    let mut idle = Vec::new();
    for source in [[127, 0, 0, 4], [127, 0, 0, 5]] {
        for _ in 0..4 {
            idle.push(connect_from(source, addr).await);
        }
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let first = health_from([127, 0, 0, 6], addr).await;
    assert!(first.starts_with("HTTP/1.1 503"), "{first}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let again = health_from([127, 0, 0, 6], addr).await;
    assert!(again.starts_with("HTTP/1.1 200"), "{again}");
}
