using System.Security.Cryptography;
using System.Text;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.OAuth;

/// <summary>A PKCE pair (RFC 7636): the verifier the client keeps, and the S256 challenge it sends first.
/// The verifier is a secret until the code is exchanged, so it is registered as one.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public const string Method = "S256";

    public static Pkce New(SecretRegistry secrets)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        secrets.Add(verifier);
        return new Pkce(verifier, ChallengeOf(verifier));
    }

    public static string ChallengeOf(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
