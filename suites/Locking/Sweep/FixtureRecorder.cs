using Conformance.Harness.Matrix;
using RestSharp;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>Makes one fixture with one request and records what came of it in the values: the value the
/// answer gives, or why there is none (a fixture the server will not make is unavailable, not fatal).</summary>
public sealed class FixtureRecorder(MatrixClient client, FixtureValues values)
{
    /// <summary>Sends the request and keeps the answer's <paramref name="field"/> as the value <paramref name="name"/>.</summary>
    public async Task<string?> ValueAsync(RestRequest request, string name, string field, CancellationToken ct)
    {
        var response = await client.ExecuteAsync(request, ct);
        if (response.IsSuccess && response.StringField(field) is { } value)
        {
            values.Set(name, value);
            return value;
        }
        values.Unavailable(name, Failed(request, response));
        return null;
    }

    /// <summary>Sends a request whose answer carries no value; a failure marks <paramref name="name"/> unavailable.</summary>
    public async Task<bool> SucceedsAsync(RestRequest request, string name, CancellationToken ct)
    {
        var response = await client.ExecuteAsync(request, ct);
        if (!response.IsSuccess) values.Unavailable(name, Failed(request, response));
        return response.IsSuccess;
    }

    private static string Failed(RestRequest request, MatrixResponse response) =>
        $"{request.Method.ToString().ToUpperInvariant()} {request.Resource} returned {response.Summary()}";
}
