namespace Conformance.Harness.Targets;

/// <summary>
/// Origins a server advertises that only mean something inside its container (its own
/// <c>http://127.0.0.1:8008</c>, its server name <c>hs1</c>), each with the published origin that reaches
/// it from here. Requests the suite sends to an advertised URL go to the published origin; what the server
/// said is recorded and judged as it said it.
/// </summary>
public sealed record OriginAliases(IReadOnlyDictionary<string, string> Map)
{
    public static OriginAliases None { get; } = new(new Dictionary<string, string>());

    public Uri Rewrite(Uri uri)
    {
        if (!uri.IsAbsoluteUri || Map.Count == 0) return uri;
        var origin = uri.GetLeftPart(UriPartial.Authority);
        return Map.TryGetValue(origin, out var published) ? new Uri(published + uri.PathAndQuery + uri.Fragment) : uri;
    }

    public string Rewrite(string url) =>
        Map.Count > 0 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Rewrite(uri).ToString() : url;

    /// <summary>An HTTP handler that sends requests for an aliased origin to its published origin.</summary>
    public HttpMessageHandler Handler(HttpMessageHandler inner) => Map.Count == 0 ? inner : new RewritingHandler(this, inner);

    private sealed class RewritingHandler(OriginAliases aliases, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.RequestUri is { } uri) request.RequestUri = aliases.Rewrite(uri);
            return base.SendAsync(request, ct);
        }
    }
}
