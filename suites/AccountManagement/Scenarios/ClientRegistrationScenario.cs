using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Dynamic client registration, over plain HTTP, with no user: the suite's own plainest request (a native
/// client) and a plain web client first. A server that refuses both keeps registration to clients it
/// knows, so nothing more is sent; otherwise the variants follow, each a registration of its own: an
/// unknown grant type, an unknown response type, each of the spec's invalid and valid example redirect
/// URIs, and a client URI that is missing or not https.
/// </summary>
public static class ClientRegistrationScenario
{
    private const string UnknownGrant = "urn:example:conformance:unknown-grant";
    private const string UnknownResponseType = "urn:example:conformance:unknown-response";

    public static async Task<Observed<RegistrationObservations>> RunAsync(SuiteContext ctx, MetadataObservations metadata)
    {
        if (!metadata.Document.TryGet(out var document, out var why)) return Observed.NotSeen<RegistrationObservations>(why);
        if (Json.Str(document["registration_endpoint"]) is not { } endpoint)
            return Observed.NotSeen<RegistrationObservations>(Judgement.Inconclusive("The server's OAuth 2.0 metadata has no registration_endpoint, so registration cannot be tried."));

        async Task<Registration> Register(JsonObject body) =>
            new(body, await ctx.Client.ExecuteAsync(MatrixRequest.Post(endpoint).WithJson(body.DeepClone()), ctx.Cancellation));

        var native = await Register(ClientRegistration.Request(ctx.Profile.Oauth.RedirectUri));
        var web = await Register(ClientRegistration.Web(ClientRegistration.ClientUri, ClientRegistration.ClientUri + "callback"));
        if (RegistrationObservations.RefusedAltogether(endpoint, native, web) is { } refused)
            return new RegistrationObservations
            {
                Endpoint = endpoint,
                Native = native,
                Web = web,
                Unknown = Observed.NotSeen<IReadOnlyDictionary<UnknownValue, Registration>>(refused),
                Invalid = Observed.NotSeen<IReadOnlyDictionary<InvalidRedirect, Registration>>(refused),
                Valid = Observed.NotSeen<IReadOnlyDictionary<ValidRedirect, Registration>>(refused),
                ClientUri = Observed.NotSeen<IReadOnlyDictionary<ClientUriCase, Registration>>(refused),
            };

        var unknown = new Dictionary<UnknownValue, Registration>
        {
            [UnknownValue.GrantType] = await Register(With(ClientRegistration.Request(ctx.Profile.Oauth.RedirectUri), "grant_types", UnknownGrant)),
            [UnknownValue.ResponseType] = await Register(With(ClientRegistration.Request(ctx.Profile.Oauth.RedirectUri), "response_types", UnknownResponseType)),
        };
        var invalid = new Dictionary<InvalidRedirect, Registration>();
        foreach (var c in Enum.GetValues<InvalidRedirect>()) invalid[c] = await Register(Example(RedirectUriExamples.Of(c)));
        var valid = new Dictionary<ValidRedirect, Registration>();
        foreach (var c in Enum.GetValues<ValidRedirect>()) valid[c] = await Register(Example(RedirectUriExamples.Of(c)));
        var missing = ClientRegistration.Request(ctx.Profile.Oauth.RedirectUri);
        missing.Remove("client_uri");
        var clientUri = new Dictionary<ClientUriCase, Registration>
        {
            [ClientUriCase.Missing] = await Register(missing),
            [ClientUriCase.Http] = await Register(ClientRegistration.Native("http://conformance.example.org/", ctx.Profile.Oauth.RedirectUri)),
        };
        return new RegistrationObservations
        {
            Endpoint = endpoint,
            Native = native,
            Web = web,
            Unknown = Observed.Of<IReadOnlyDictionary<UnknownValue, Registration>>(unknown),
            Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(invalid),
            Valid = Observed.Of<IReadOnlyDictionary<ValidRedirect, Registration>>(valid),
            ClientUri = Observed.Of<IReadOnlyDictionary<ClientUriCase, Registration>>(clientUri),
        };
    }

    /// <summary>A plain registration of the spec's example client (https://example.com/) with one redirect URI.</summary>
    private static JsonObject Example((string ApplicationType, string RedirectUri) example) => example.ApplicationType == "web"
        ? ClientRegistration.Web(RedirectUriExamples.ClientUri, example.RedirectUri)
        : ClientRegistration.Native(RedirectUriExamples.ClientUri, example.RedirectUri);

    private static JsonObject With(JsonObject body, string member, string extra)
    {
        ((JsonArray)body[member]!).Add(extra);
        return body;
    }
}
