using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using RestSharp;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>User-interactive authentication with the account's password: the request once without
/// <c>auth</c>, and, when the server answers 401 with a session, again with the password stage.</summary>
public static class PasswordUia
{
    /// <summary>The first answer and the final one (the same when no second request was needed).</summary>
    public static async Task<(MatrixResponse First, MatrixResponse Final)> SendAsync(MatrixClient client, Func<JsonObject, RestRequest> build, TestAccount account, CancellationToken ct)
    {
        var first = await client.ExecuteAsync(build(new JsonObject()), ct);
        if (first.Status != 401 || first.StringField("session") is not { } session) return (first, first);
        var final = await client.ExecuteAsync(build(new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["type"] = "m.login.password",
                ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = account.UserId },
                ["password"] = account.Password,
                ["session"] = session,
            },
        }), ct);
        return (first, final);
    }
}
