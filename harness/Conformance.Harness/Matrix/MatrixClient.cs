using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;
using RestSharp;

namespace Conformance.Harness.Matrix;

/// <summary>
/// Sends requests to a homeserver with a timeout on every one, reads at most <see cref="MaxBody"/> bytes
/// of each answer, retries rate-limited (429) requests a few times, registers every token the server
/// hands out as a secret, and records each exchange redacted. It reports every answer and every silence
/// to the run's <see cref="TargetHealth"/>, and once that declares the target unresponsive it sends
/// nothing more: each request fails at once with the reason.
/// </summary>
public sealed class MatrixClient : IDisposable
{
    public const int MaxRecordedBody = 8 * 1024;
    /// <summary>The default for <c>limits.max_body</c>.</summary>
    public const long DefaultMaxBody = 1024 * 1024;
    private const int MaxRetries = 3;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan NoHintRetryWait = TimeSpan.FromMilliseconds(500);
    private static readonly string[] IssuedSecretFields = ["access_token", "refresh_token", "as_token", "hs_token", "password", "new_password", "token", "login_token", "id_token", "device_code", "user_code"];

    private static readonly TimeSpan MaxLivenessWait = TimeSpan.FromSeconds(5);

    private readonly RestClient _rest;
    private readonly Redactor _redactor;
    private readonly object _livenessGate = new();
    private Task<string?>? _liveness;

    public string BaseUrl { get; }
    public TimeSpan Timeout { get; }
    public long MaxBody { get; }
    public TargetHealth Health { get; }
    /// <summary>Where tokens learned from answers go; callers that obtain a token add it here too.</summary>
    public SecretRegistry Secrets => _redactor.Registry;

    /// <summary>Container-internal origins the server advertises, sent to where they are published.</summary>
    public OriginAliases Aliases { get; }

    public MatrixClient(string baseUrl, Redactor redactor, TimeSpan timeout, TargetHealth? health = null, long maxBody = DefaultMaxBody, OriginAliases? aliases = null)
    {
        Aliases = aliases ?? OriginAliases.None;
        BaseUrl = baseUrl.TrimEnd('/');
        Timeout = timeout;
        MaxBody = maxBody;
        Health = health ?? new TargetHealth();
        _redactor = redactor;
        _rest = new RestClient(new RestClientOptions(BaseUrl)
        {
            Timeout = timeout,
            FollowRedirects = false,
            ThrowOnAnyError = false,
            UserAgent = "matrix-account-conformance/" + typeof(MatrixClient).Assembly.GetName().Version?.ToString(3),
            ConfigureMessageHandler = inner => new BodyLimitHandler(maxBody) { InnerHandler = Aliases.Handler(inner) },
        });
    }

    public async Task<MatrixResponse> ExecuteAsync(RestRequest request, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        if (Health.DownReason is { } down) return NotSent(request, started, down);
        var clock = Stopwatch.StartNew();
        RestResponse response;
        var attempts = 0;
        while (true)
        {
            attempts++;
            response = await _rest.ExecuteAsync(request, ct);
            if ((int)response.StatusCode != 429 || attempts > MaxRetries) break;
            await Task.Delay(RetryWait.Of(response, MaxRetryWait, NoHintRetryWait), ct);
        }
        clock.Stop();
        var recorded = Record(request, response, started, clock.Elapsed.TotalMilliseconds, attempts);
        if (recorded.Arrived) Health.Answered();
        else if (!ct.IsCancellationRequested)
        {
            var what = $"{recorded.Exchange.Method} {PathOf(request)}: {recorded.NetworkError}";
            Health.NoAnswer(what);
            if (Health.HasAnswered && !Health.IsDown && await SilenceAsync() is { } silence)
                Health.Declare($"the target stopped answering: {what}, and GET /_matrix/client/versions got no answer either ({silence})");
        }
        return recorded;
    }

    /// <summary>After a request got no answer: does the target still answer at all? One endpoint that
    /// hangs is that endpoint's problem; a server that no longer answers /versions either is gone, and
    /// waiting for two more timeouts to say so would only make the run slower. Null when /versions
    /// answered, else what happened to it. Requests that go unanswered together share one look.</summary>
    private Task<string?> SilenceAsync()
    {
        lock (_livenessGate)
        {
            if (_liveness is { IsCompleted: false } running) return running;
            return _liveness = LookAsync();
        }

        async Task<string?> LookAsync()
        {
            var look = new RestRequest("/_matrix/client/versions") { Timeout = LivenessTimeout };
            var answer = await _rest.ExecuteAsync(look, CancellationToken.None);
            if (answer.ResponseStatus is ResponseStatus.Completed || answer.StatusCode != 0) return null;
            return answer.ResponseStatus == ResponseStatus.TimedOut ? $"timed out after {LivenessTimeout.TotalSeconds:0.#} s" : _redactor.Scrub(Describe(answer));
        }
    }

    private TimeSpan LivenessTimeout => Timeout < MaxLivenessWait ? Timeout : MaxLivenessWait;

    /// <summary>The answer to a request the breaker kept from being sent.</summary>
    private MatrixResponse NotSent(RestRequest request, DateTimeOffset started, string reason)
    {
        var error = $"not sent, because {reason}";
        return new MatrixResponse
        {
            Exchange = new HttpExchange
            {
                Method = request.Method.ToString().ToUpperInvariant(),
                Url = _redactor.Url(_rest.BuildUri(request).ToString()),
                Error = error,
                StartedAt = started,
                Attempts = 0,
            },
            NetworkError = error,
        };
    }

    private string PathOf(RestRequest request) => _rest.BuildUri(request).AbsolutePath;

    private MatrixResponse Record(RestRequest request, RestResponse response, DateTimeOffset started, double ms, int attempts)
    {
        var requestBody = BodyOf(request, out var requestContentType);
        RegisterSecrets(requestBody);
        var text = response.Content ?? "";
        RegisterSecrets(text);

        var arrived = response.ResponseStatus is ResponseStatus.Completed || response.StatusCode != 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in (response.Headers ?? []).Concat(response.ContentHeaders ?? []))
            if (h.Name is not null) headers[h.Name] = headers.TryGetValue(h.Name, out var prior) ? prior + ", " + h.Value : h.Value?.ToString() ?? "";
        headers.TryGetValue("Content-Type", out var contentType);
        var truncated = headers.Remove(BodyLimitHandler.TruncatedHeader, out var marker) ? BodyLimitHandler.Note(marker) : null;
        if (headers.TryGetValue("Location", out var location)) RegisterRedirectSecrets(location);

        var url = _rest.BuildUri(request).ToString();
        var requestHeaders = request.Parameters.OfType<HeaderParameter>()
            .ToDictionary(h => h.Name!, h => _redactor.Header(h.Name!, h.Value?.ToString() ?? ""), StringComparer.OrdinalIgnoreCase);
        if (requestContentType is not null) requestHeaders["Content-Type"] = requestContentType;

        var exchange = new HttpExchange
        {
            Method = request.Method.ToString().ToUpperInvariant(),
            Url = _redactor.Url(url),
            RequestHeaders = requestHeaders,
            RequestBody = requestBody is null ? null : Truncate(_redactor.Body(requestBody, requestContentType)),
            Status = arrived ? (int)response.StatusCode : null,
            ResponseHeaders = headers.Where(h => IsReportedHeader(h.Key)).ToDictionary(h => h.Key, h => _redactor.Header(h.Key, h.Value)),
            ResponseBody = text.Length == 0 ? null : Truncate(_redactor.Body(text, contentType)),
            ResponseTruncated = truncated,
            Error = arrived ? null : _redactor.Scrub(Describe(response)),
            StartedAt = started,
            DurationMs = Math.Round(ms, 1),
            Attempts = attempts,
        };
        return new MatrixResponse
        {
            Exchange = exchange,
            Status = arrived ? (int)response.StatusCode : 0,
            ContentType = contentType,
            Text = text,
            RawBytes = response.RawBytes ?? [],
            Headers = headers,
            NetworkError = arrived ? null : _redactor.Scrub(Describe(response)),
        };
    }

    private string Describe(RestResponse response) => response.ResponseStatus == ResponseStatus.TimedOut
        ? $"timed out after {Timeout.TotalSeconds:0.#} s"
        : Innermost(response.ErrorException)?.Message ?? response.ErrorMessage ?? "no response";

    private static Exception? Innermost(Exception? e)
    {
        while (e?.InnerException is not null) e = e.InnerException;
        return e;
    }

    /// <summary>Learns every secret-carrying field of a JSON body (however it is laid out: leading
    /// whitespace, pretty-printed, an array) or a form-encoded body, so the redactor knows the value
    /// before anything is written.</summary>
    private void RegisterSecrets(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return;
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed is ['{' or '[', ..])
        {
            try { Walk(JsonNode.Parse(body)); }
            catch (System.Text.Json.JsonException) { /* not JSON after all: nothing structured to learn */ }
            return;
        }
        foreach (var pair in body.Split('&'))
            if (pair.Split('=', 2) is [var key, var value] && IssuedSecretFields.Contains(WebUtility.UrlDecode(key)))
                _redactor.Registry.Add(WebUtility.UrlDecode(value));

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (k, v) in obj)
                        if (IssuedSecretFields.Contains(k) && v is JsonValue jv && jv.TryGetValue<string>(out var s)) _redactor.Registry.Add(s);
                        else Walk(v);
                    break;
                case JsonArray arr:
                    foreach (var item in arr) Walk(item);
                    break;
            }
        }
    }

    /// <summary>A redirect can carry what a sign-in issues (an authorisation code, a login token) in its
    /// query or fragment: those values are secrets before the redirect is recorded.</summary>
    private void RegisterRedirectSecrets(string location)
    {
        var start = location.IndexOfAny(['?', '#']);
        if (start < 0) return;
        foreach (var pair in location[(start + 1)..].Split('&', '#', '?'))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            if (Redactor.IsSecretKey(Uri.UnescapeDataString(pair[..eq]))) _redactor.Registry.Add(Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')));
        }
    }

    private static string? BodyOf(RestRequest request, out string? contentType)
    {
        contentType = null;
        var body = request.Parameters.OfType<BodyParameter>().FirstOrDefault();
        if (body is null) return null;
        contentType = body.ContentType.ToString();
        return body.Value switch
        {
            string s => s,
            byte[] b => $"<{b.Length} bytes of {contentType}>",
            _ => body.Value?.ToString(),
        };
    }

    private static bool IsReportedHeader(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Server", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Location", StringComparison.OrdinalIgnoreCase) || name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) || name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string s) => s.Length <= MaxRecordedBody ? s : s[..MaxRecordedBody] + $"… [{s.Length - MaxRecordedBody} more characters]";

    public void Dispose() => _rest.Dispose();
}
