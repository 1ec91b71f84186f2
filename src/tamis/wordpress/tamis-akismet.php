<?php
/**
 * Plugin Name: Tamis for Akismet
 * Description: Sends the Akismet plugin's requests to a self-hosted Tamis server instead of rest.akismet.com.
 * Version:     0.1.0
 * License:     MIT
 *
 * What it does
 * ------------
 * The Akismet plugin has no setting for its server: it always calls https://rest.akismet.com/1.1/... (falling back
 * to http://, and calling http://<IP>/1.1/verify-key with "Host: rest.akismet.com" for its connectivity check).
 * This must-use plugin hooks WordPress core's `pre_http_request` filter, which runs before any HTTP request leaves
 * WordPress, and re-issues every request meant for rest.akismet.com (or <key>.rest.akismet.com) to the Tamis URL
 * below, with the same method, body and headers (except Host), and hands Tamis's answer back to Akismet.  Nothing
 * else is touched: requests to any other host go out as usual, and the Akismet plugin itself is not modified.
 *
 * Install
 * -------
 * 1. Copy this file into wp-content/mu-plugins/ (create the folder if needed).  Must-use plugins are loaded
 *    automatically and cannot be switched off from the admin screens.  `tamis wordpress` prints the exact path.
 * 2. Add to wp-config.php, above the line "That's all, stop editing!":
 *
 *        define( 'TAMIS_URL', 'http://127.0.0.1:8080' );   // where Tamis listens; http:// or https://, path allowed
 *        define( 'WPCOM_API_KEY', 'abcdef123456' );        // a 12-character key from `tamis keys create`
 *
 *    `tamis wordpress` prints these two lines with a fresh key.  (Instead of WPCOM_API_KEY you may enter the key on
 *    the Settings > Akismet Anti-spam screen.)
 * 3. Make sure the Akismet Anti-spam plugin is active.
 *
 * Optional:
 * - define( 'TAMIS_SSL_VERIFY', false ); when Tamis is served over https with a certificate WordPress does not trust
 *   (a self-signed one on a private network).
 * - define( 'TAMIS_PRIVACY_URL', 'https://blog.example.com/privacy/' ); the page that explains how comment data is
 *   processed.  When the Akismet setting "Display a privacy notice under your comment forms" is on, the notice then
 *   names Tamis instead of Akismet and links there (default: the site's privacy policy page, if it has one).
 *
 * Without TAMIS_URL the plugin does nothing (Akismet then talks to Akismet's own servers) and says so on the
 * Plugins screen of an administrator.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The Tamis base URL from wp-config.php (filterable), without a trailing slash, or '' when not configured.
 */
function tamis_akismet_base_url() {
	$url = defined( 'TAMIS_URL' ) ? (string) constant( 'TAMIS_URL' ) : '';
	$url = (string) apply_filters( 'tamis_akismet_url', $url );
	$url = rtrim( trim( $url ), '/' );
	if ( '' === $url || ! preg_match( '#^https?://[^/]+#i', $url ) ) {
		return '';
	}
	return $url;
}

/**
 * Is this request meant for Akismet's servers?  Returns the Akismet host it names (maybe "<key>.rest.akismet.com"),
 * or '' when it is not an Akismet request.  The URL host counts, and so does a Host header: Akismet's connectivity
 * check calls http://<IP of rest.akismet.com>/1.1/verify-key with "Host: rest.akismet.com".
 */
function tamis_akismet_target_host( $url, $args ) {
	$candidates = array( (string) wp_parse_url( $url, PHP_URL_HOST ) );
	if ( isset( $args['headers'] ) && is_array( $args['headers'] ) ) {
		foreach ( $args['headers'] as $name => $value ) {
			if ( is_string( $name ) && 'host' === strtolower( $name ) && is_string( $value ) ) {
				$candidates[] = preg_replace( '/:\d+$/', '', $value );
			}
		}
	}
	foreach ( $candidates as $host ) {
		$host = strtolower( rtrim( (string) $host, '.' ) );
		if ( 'rest.akismet.com' === $host || '.rest.akismet.com' === substr( $host, -17 ) ) {
			return $host;
		}
	}
	return '';
}

/**
 * The `pre_http_request` filter: answer Akismet's request from Tamis.
 *
 * @param false|array|WP_Error $preempt Whether to preempt the request (another filter may already have).
 * @param array                $args    The request arguments (method, body, headers, timeout...).
 * @param string               $url     The URL Akismet asked for.
 * @return false|array|WP_Error Tamis's response, or $preempt untouched for any other request.
 */
function tamis_akismet_reroute( $preempt, $args, $url ) {
	static $busy = false;

	// Another filter already answered, or we are inside our own re-issued request: stay out of the way.
	if ( false !== $preempt || $busy ) {
		return $preempt;
	}
	$akismet_host = tamis_akismet_target_host( $url, $args );
	if ( '' === $akismet_host ) {
		return $preempt;
	}
	$base = tamis_akismet_base_url();
	if ( '' === $base ) {
		return $preempt;
	}

	$parts  = wp_parse_url( $url );
	$target = $base . ( isset( $parts['path'] ) ? $parts['path'] : '/' );
	$query  = isset( $parts['query'] ) ? $parts['query'] : '';

	// Old clients put the key in the host name (<key>.rest.akismet.com).  Keep it, as a query parameter, unless the
	// body already carries api_key.
	if ( 'rest.akismet.com' !== $akismet_host ) {
		$key  = substr( $akismet_host, 0, -17 );
		$body = isset( $args['body'] ) ? $args['body'] : '';
		$has  = is_array( $body ) ? isset( $body['api_key'] ) : ( false !== strpos( '&' . (string) $body, '&api_key=' ) );
		if ( ! $has && '' !== $key ) {
			$query .= ( '' === $query ? '' : '&' ) . 'api_key=' . rawurlencode( $key );
		}
	}
	if ( '' !== $query ) {
		$target .= '?' . $query;
	}

	// Same method, body and headers; the Host header is dropped so that WordPress sends Tamis's own host name (a
	// reverse proxy in front of Tamis routes on it).
	if ( isset( $args['headers'] ) && is_array( $args['headers'] ) ) {
		foreach ( array_keys( $args['headers'] ) as $name ) {
			if ( is_string( $name ) && 'host' === strtolower( $name ) ) {
				unset( $args['headers'][ $name ] );
			}
		}
	}
	// The site owner chose this URL, which is often on the same machine or a private network.
	$args['reject_unsafe_urls'] = false;
	if ( defined( 'TAMIS_SSL_VERIFY' ) && ! constant( 'TAMIS_SSL_VERIFY' ) ) {
		$args['sslverify'] = false;
	}

	$busy = true;
	try {
		$response = wp_remote_request( $target, $args );
	} finally {
		$busy = false;
	}

	/**
	 * Fires after a request meant for Akismet was answered by Tamis.
	 *
	 * @param array|WP_Error $response The response from Tamis.
	 * @param string         $target   The Tamis URL that was called.
	 * @param string         $url      The Akismet URL that was asked for.
	 */
	do_action( 'tamis_akismet_rerouted', $response, $target, $url );

	return $response;
}
add_filter( 'pre_http_request', 'tamis_akismet_reroute', 10, 3 );

/**
 * Tell an administrator when the file is installed but TAMIS_URL is missing or malformed.
 */
function tamis_akismet_admin_notice() {
	if ( '' !== tamis_akismet_base_url() || ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	if ( $screen && ! in_array( $screen->id, array( 'plugins', 'settings_page_akismet-key-config', 'dashboard' ), true ) ) {
		return;
	}
	echo '<div class="notice notice-warning"><p>';
	echo esc_html__( 'Tamis for Akismet is installed, but TAMIS_URL is not set (or is not an http:// or https:// URL) in wp-config.php, so Akismet still talks to rest.akismet.com.', 'tamis' );
	echo '</p></div>';
}
add_action( 'admin_notices', 'tamis_akismet_admin_notice' );

/**
 * The optional notice under comment forms: it says "This site uses Akismet" and links to akismet.com, which is no
 * longer true once comments go to Tamis.  Name Tamis and link to the site's own explanation instead.
 */
function tamis_akismet_privacy_notice( $markup ) {
	if ( '' === tamis_akismet_base_url() ) {
		return $markup;
	}
	$url  = defined( 'TAMIS_PRIVACY_URL' ) ? (string) constant( 'TAMIS_PRIVACY_URL' ) : get_privacy_policy_url();
	$text = esc_html__( 'This site uses Tamis, a self-hosted filter, to reduce spam.', 'tamis' );
	if ( '' !== $url ) {
		$text .= ' <a href="' . esc_url( $url ) . '">' . esc_html__( 'Learn how your comment data is processed', 'tamis' ) . '</a>.';
	}
	return '<p class="akismet_comment_form_privacy_notice tamis_privacy_notice">' . $text . '</p>';
}
add_filter( 'akismet_comment_form_privacy_notice_markup', 'tamis_akismet_privacy_notice' );
