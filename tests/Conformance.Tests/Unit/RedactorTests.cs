using Conformance.Harness.Secrets;
using Xunit;

namespace Conformance.Tests.Unit;

public sealed class RedactorTests
{
    private static Redactor Make(params string[] secrets)
    {
        var registry = new SecretRegistry();
        foreach (var s in secrets) registry.Add(s);
        return new Redactor(registry);
    }

    [Fact]
    public void Secret_headers_keep_only_their_scheme()
    {
        var r = Make();
        Assert.Equal("Bearer [redacted]", r.Header("Authorization", "Bearer syt_abc"));
        Assert.Equal("[redacted]", r.Header("Cookie", "session=abc"));
        Assert.Equal("[redacted]", r.Header("set-cookie", "session=abc; HttpOnly"));
        Assert.Equal("application/json", r.Header("Content-Type", "application/json"));
    }

    [Fact]
    public void Json_bodies_lose_secret_fields_at_any_depth()
    {
        var body = Make().Body("""{"user_id":"@a:b","access_token":"t1","auth":{"password":"p","session":"s"},"list":[{"refresh_token":"r"}]}""", "application/json");
        Assert.Equal("""{"user_id":"@a:b","access_token":"[redacted]","auth":{"password":"[redacted]","session":"s"},"list":[{"refresh_token":"[redacted]"}]}""", body);
    }

    [Fact]
    public void Form_bodies_and_query_strings_lose_secret_fields()
    {
        var r = Make();
        Assert.Equal("grant_type=refresh_token&refresh_token=[redacted]&client_id=c", r.Body("grant_type=refresh_token&refresh_token=xyz&client_id=c", "application/x-www-form-urlencoded"));
        Assert.Equal("http://h/_matrix/client/v3/sync?access_token=[redacted]&since=s1", r.Url("http://h/_matrix/client/v3/sync?access_token=abc123&since=s1"));
        Assert.Equal("http://127.0.0.1/cb?code=[redacted]&state=st", r.Url("http://127.0.0.1/cb?code=abc&state=st"));
    }

    [Fact]
    public void Registered_values_are_scrubbed_wherever_they_appear()
    {
        var r = Make("hunter2-secret-value", "short");
        Assert.Equal("the server echoed [redacted] back", r.Scrub("the server echoed hunter2-secret-value back"));
        Assert.Equal("short", r.Scrub("short"));
        Assert.Equal("""{"note":"[redacted]"}""", r.Body("""{"note":"hunter2-secret-value"}""", "application/json"));
    }

    [Fact]
    public void Longer_secrets_are_scrubbed_before_the_ones_they_contain()
    {
        var r = Make("abcdef", "abcdefghij");
        Assert.Equal("[redacted]", r.Scrub("abcdefghij"));
    }

    [Theory]
    [InlineData("a token px%2Fab%2Bcd%3D in a query")]          // URL-encoded
    [InlineData("a token px%2fab%2bcd%3d in a query")]          // URL-encoded, lowercase hex
    [InlineData("{\"error\":\"px/ab\\u002Bcd=\"}")]            // JSON, default encoder
    [InlineData("{\"error\":\"px\\/ab+cd=\"}")]               // JSON with escaped slashes
    [InlineData("you sent px/ab+cd= back")]                     // as is
    public void A_secret_is_scrubbed_in_each_of_its_written_forms(string text)
    {
        var r = Make("px/ab+cd=");
        var scrubbed = r.Scrub(text);
        Assert.Contains("[redacted]", scrubbed);
        Assert.DoesNotContain("ab", scrubbed.Replace("[redacted]", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_with_leading_whitespace_is_redacted_by_key()
    {
        var body = Make().Body("\n  {\n    \"access_token\": \"t1\",\n    \"user_id\": \"@a:b\"\n  }", null);
        Assert.Equal("""{"access_token":"[redacted]","user_id":"@a:b"}""", body);
    }

    [Fact]
    public void Text_without_secrets_is_returned_as_it_was()
    {
        var r = Make("hunter2-secret-value");
        const string text = "nothing to hide here";
        Assert.Same(text, r.Scrub(text));
    }
}
