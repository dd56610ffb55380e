namespace Conformance.Harness.Browser;

/// <summary>What a person types on the server's pages: the username the sign-in form wants (the
/// localpart or the full user ID, as the profile's web.username says), the full user ID (for a page that
/// asks to type it to confirm) and the password.</summary>
public sealed record WebCredentials(string Username, string UserId, string Password);
