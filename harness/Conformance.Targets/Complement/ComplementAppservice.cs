using System.Security.Cryptography;

namespace Conformance.Targets.Complement;

/// <summary>
/// The application service registration a Complement image reads from <c>/complement/appservice/</c>
/// (one <c>&lt;id&gt;.yaml</c> per service, in place before start). Its namespace covers every user, so
/// the suite can act for the locked user through its <c>as_token</c> (the lock checks' appservice masquerade); no service
/// listens at its URL, and none needs to.
/// </summary>
public sealed record ComplementAppservice(string Id, string AsToken, string HsToken)
{
    public const string Folder = "/complement/appservice/";

    public string Path => Folder + Id + ".yaml";

    public static ComplementAppservice Create(string? asToken) =>
        new("conformance", asToken ?? Token(), Token());

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string Yaml => $"""
        id: {Id}
        hs_token: {HsToken}
        as_token: {AsToken}
        url: null
        sender_localpart: conformance-appservice
        rate_limited: false
        namespaces:
          users:
            - exclusive: false
              regex: '.*'
          rooms: []
          aliases: []

        """;
}
