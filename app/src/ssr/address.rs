//! The client's address as login throttling counts it. Behind a reverse proxy every request
//! comes from the proxy; only a proxy the operator trusts may name the real client, in
//! `X-Forwarded-For`, and only the hops it appended count (a client can write any left part).

use std::net::IpAddr;

/// The client behind `peer`: `peer` itself unless it is a trusted proxy, else the rightmost
/// `X-Forwarded-For` hop that is not a trusted proxy.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            // An unreadable hop was written by someone we cannot vouch for: stop at the last
            // address a trusted proxy gave us.
            break;
        };
        client = ip;
        if !trusted.contains(&ip) {
            break;
        }
    }
    client
}

/// The key throttling counts by: an IPv4 address, or the /64 network of an IPv6 address
/// (one home or phone gets a whole /64 and can pick any address in it).
pub fn throttle_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("test address")
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client_whatever_the_header_says() {
        let peer = ip("203.0.113.9");
        assert_eq!(client_address(peer, &["10.9.9.9"], &[]), peer);
        assert_eq!(
            client_address(peer, &["10.9.9.9"], &[ip("127.0.0.1")]),
            peer
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_forged_left_hops_are_ignored() {
        let proxy = ip("127.0.0.1");
        let forged_then_real = ["6.6.6.6, 198.51.100.7"];
        assert_eq!(
            client_address(proxy, &forged_then_real, &[proxy]),
            ip("198.51.100.7")
        );
        // two proxies in a row, the header split over two lines
        let inner = ip("10.0.0.2");
        assert_eq!(
            client_address(proxy, &["198.51.100.7", "10.0.0.2"], &[proxy, inner]),
            ip("198.51.100.7")
        );
        assert_eq!(client_address(proxy, &["garbage"], &[proxy]), proxy);
        assert_eq!(client_address(proxy, &[], &[proxy]), proxy);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        assert_eq!(
            throttle_key(ip("2001:db8:1:2:aaaa::1")),
            throttle_key(ip("2001:db8:1:2:bbbb::2"))
        );
        assert_ne!(
            throttle_key(ip("2001:db8:1:2::1")),
            throttle_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(throttle_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(throttle_key(ip("192.0.2.1")), "192.0.2.1");
    }
}
