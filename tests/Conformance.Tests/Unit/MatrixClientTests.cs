using Conformance.Harness.Matrix;
using Conformance.Harness.Secrets;
using Conformance.Tests.Support;
using RestSharp;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>The client against raw answers: tokens are learned however the JSON is laid out, a body past
/// the limit is cut and noted, a nonsense retry hint costs no more than a normal one, and a silent target
/// trips the breaker so that nothing more is sent.</summary>
public sealed class MatrixClientTests
{
    private const string Token = "px/issued+token=";

    private static (MatrixClient Client, Redactor Redactor) Client(string url, TimeSpan? timeout = null, long maxBody = MatrixClient.DefaultMaxBody)
    {
        var redactor = new Redactor(new SecretRegistry());
        return (new MatrixClient(url, redactor, timeout ?? TimeSpan.FromSeconds(5), new TargetHealth(), maxBody), redactor);
    }

    [Fact]
    public async Task A_token_in_pretty_printed_json_after_whitespace_is_learned_and_redacted()
    {
        var body = "\n  {\n    \"access_token\": \"px/issued\\u002Btoken=\",\n    \"note\": \"px%2Fissued%2Btoken%3D\"\n  }\n";
        await using var server = FakeServer.Answering(_ => FakeServer.Http("200 OK", "text/plain", body, $"WWW-Authenticate: Bearer error_description=\"{Token}\"\r\n"));
        var (client, redactor) = Client(server.Url);
        using (client)
        {
            var response = await client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/login"), TestContext.Current.CancellationToken);
            Assert.Contains(Token, redactor.Registry.Values);
            Assert.DoesNotContain("issued", response.Exchange.ResponseBody);
            Assert.DoesNotContain("issued", response.Exchange.ResponseHeaders["WWW-Authenticate"]);
        }
    }

    [Fact]
    public async Task A_body_past_the_limit_is_cut_and_the_cut_is_noted()
    {
        var big = "{\"padding\":\"" + new string('x', 64 * 1024) + "\"}";
        await using var server = FakeServer.Answering(_ => FakeServer.Http("200 OK", "application/json", big));
        var (client, _) = Client(server.Url, maxBody: 4096);
        using (client)
        {
            var response = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/login"), TestContext.Current.CancellationToken);
            Assert.True(response.Arrived);
            Assert.Equal(4096, response.RawBytes.Length);
            Assert.Equal("the response body was longer than 4,096 bytes (the server announced 65,550 bytes); only the first 4096 bytes were read and the rest was discarded", response.Exchange.ResponseTruncated);
            Assert.DoesNotContain(BodyLimitHandler.TruncatedHeader, response.Headers.Keys);
        }
    }

    [Theory]
    [InlineData("{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":-1}", "")]
    [InlineData("{\"errcode\":\"M_LIMIT_EXCEEDED\"}", "Retry-After: -5\r\n")]
    public async Task A_negative_retry_hint_is_no_hint(string body, string header)
    {
        var calls = 0;
        await using var server = FakeServer.Answering(_ => Interlocked.Increment(ref calls) == 1
            ? FakeServer.Http("429 Too Many Requests", "application/json", body, header)
            : FakeServer.Http("200 OK", "application/json", "{}"));
        var (client, _) = Client(server.Url);
        using (client)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/capabilities"), TestContext.Current.CancellationToken);
            Assert.Equal(200, response.Status);
            Assert.Equal(2, response.Exchange.Attempts);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task A_target_that_stops_answering_trips_the_breaker_and_nothing_more_is_sent()
    {
        var hanging = false;
        var asked = 0;
        await using var server = FakeServer.Answering(_ =>
        {
            Interlocked.Increment(ref asked);
            return Volatile.Read(ref hanging) ? null : FakeServer.Http("200 OK", "application/json", "{\"versions\":[\"v1.19\"]}");
        });
        var (client, _) = Client(server.Url, TimeSpan.FromSeconds(1));
        using (client)
        {
            var ct = TestContext.Current.CancellationToken;
            Assert.True((await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/versions"), ct)).Arrived);
            Volatile.Write(ref hanging, true);
            var lost = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/sync"), ct);
            Assert.False(lost.Arrived);
            // One silence, and /versions silent too: the target is gone.
            Assert.StartsWith("the target stopped answering: GET /_matrix/client/v3/sync: timed out after 1 s, and GET /_matrix/client/versions got no answer either", client.Health.DownReason);
            var before = Volatile.Read(ref asked);
            var notSent = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami"), ct);
            Assert.Equal(before, Volatile.Read(ref asked));
            Assert.StartsWith("not sent, because the target stopped answering", notSent.NetworkError);
            Assert.Equal(0, notSent.Exchange.Attempts);
        }
    }
}
