using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>
/// The credentials in effect for a run: the profile's, completed with what the target made for it (the
/// reference server's fresh registration secret, the appservice token of a registration a Complement
/// target installed). Carried beside the profile, which stays as loaded.
/// </summary>
public sealed record RunCredentials(string? SharedSecret, string? AppserviceToken = null)
{
    /// <summary>What reports and logs must never show. Complement's shared secret is published with its
    /// contract (and scrubbing it would blank the word "complement" everywhere), so it is not among them.</summary>
    public IEnumerable<string?> Hidden => [SharedSecret == ProfileLoader.ComplementSharedSecret ? null : SharedSecret, AppserviceToken];

    public static RunCredentials Of(TargetProfile profile, ITarget target) =>
        new(target.SharedSecret ?? profile.Users.SharedSecret, target.AppserviceToken ?? profile.Appservice?.Token);
}
