using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Secrets;
using RestSharp;

namespace Conformance.Harness.Matrix;

/// <summary>
/// Sends requests to a homeserver with a timeout on every one, retries rate-limited (429) requests a few
/// times, registers every token the server hands out as a secret, and records each exchange redacted.
/// </summary>
public sealed class MatrixClient : IDisposable
{
    public const int MaxRecordedBody = 8 * 1024;
    private const int MaxRetries = 3;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(5);
    private static readonly string[] IssuedSecretFields = ["access_token", "refresh_token", "as_token", "hs_token", "password", "new_password", "token", "login_token", "id_token", "device_code", "user_code"];

    private readonly RestClient _rest;
    private readonly Redactor _redactor;

    public string BaseUrl { get; }
    public TimeSpan Timeout { get; }

    public MatrixClient(string baseUrl, Redactor redactor, TimeSpan timeout)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        Timeout = timeout;
        _redactor = redactor;
        _rest = new RestClient(new RestClientOptions(BaseUrl)
        {
            Timeout = timeout,
            FollowRedirects = false,
            ThrowOnAnyError = false,
            UserAgent = "matrix-account-conformance/" + typeof(MatrixClient).Assembly.GetName().Version?.ToString(3),
        });
    }

    public async Task<MatrixResponse> ExecuteAsync(RestRequest request, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        RestResponse response;
        var attempts = 0;
        while (true)
        {
            attempts++;
            response = await _rest.ExecuteAsync(request, ct);
            if ((int)response.StatusCode != 429 || attempts > MaxRetries) break;
            await Task.Delay(RetryWait(response), ct);
        }
        clock.Stop();
        return Record(request, response, started, clock.Elapsed.TotalMilliseconds, attempts);
    }

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
            Error = arrived ? null : Describe(response),
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
            NetworkError = arrived ? null : Describe(response),
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

    private void RegisterSecrets(string? body)
    {
        if (string.IsNullOrEmpty(body) || body[0] != '{') return;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o) Walk(o);
        }
        catch (System.Text.Json.JsonException) { /* not JSON: nothing structured to learn */ }

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

    private static TimeSpan RetryWait(RestResponse response)
    {
        try
        {
            if (response.Content is { } c && JsonNode.Parse(c)?["retry_after_ms"]?.GetValue<long>() is { } ms)
                return TimeSpan.FromMilliseconds(Math.Min(ms, MaxRetryWait.TotalMilliseconds));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException) { }
        var header = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        return int.TryParse(header, out var seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryWait.TotalSeconds)) : TimeSpan.FromMilliseconds(500);
    }

    private static bool IsReportedHeader(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Server", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Location", StringComparison.OrdinalIgnoreCase) || name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) || name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string s) => s.Length <= MaxRecordedBody ? s : s[..MaxRecordedBody] + $"… [{s.Length - MaxRecordedBody} more characters]";

    public void Dispose() => _rest.Dispose();
}
