using System.Web;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Where the server sent the browser back to the client: the redirect URI with the authorisation's result
/// in its query or its fragment, as the response mode asked (the spec's "Callback").
/// </summary>
public sealed record Callback(Uri Uri, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Fragment)
{
    /// <summary>"query" or "fragment": the part that carries the code or the error; "none" when neither does.</summary>
    public string Mode => Carries(Fragment) ? "fragment" : Carries(Query) ? "query" : "none";

    public string? Code => Get("code");
    public string? State => Get("state");
    public string? Error => Get("error");
    public string? ErrorDescription => Get("error_description");

    /// <summary>A parameter from the part that carries the result (the fragment first).</summary>
    public string? Get(string name) => (Mode == "query" ? Query : Fragment).GetValueOrDefault(name) ?? Query.GetValueOrDefault(name);

    /// <summary>"code and state in the query", "error access_denied in the fragment": for reasons.</summary>
    public string Describe() => Mode == "none" ? "neither a code nor an error"
        : $"{(Code is not null ? "a code" : $"error '{Error}'{(ErrorDescription is null ? "" : $" ({ErrorDescription})")}")}{(State is null ? ", no state," : " and a state")} in the {Mode}";

    public static Callback Of(Uri uri) => new(uri, Pairs(uri.Query), Pairs(uri.Fragment));

    private static bool Carries(IReadOnlyDictionary<string, string> part) => part.ContainsKey("code") || part.ContainsKey("error");

    private static Dictionary<string, string> Pairs(string part)
    {
        var parsed = HttpUtility.ParseQueryString(part.TrimStart('?', '#'));
        return parsed.AllKeys.OfType<string>().ToDictionary(k => k, k => parsed[k] ?? "", StringComparer.Ordinal);
    }
}
