using Conformance.Harness.Checks;

namespace Conformance.Harness.Provisioning;

/// <summary>The server offers no way to make an account of this kind (e.g. no admin registration on an
/// image that registers users openly): what needs it is skipped, with <paramref name="detection"/>, the
/// probe and the answer that showed it.</summary>
public sealed class AccountUnavailableException(string message, string detection) : ProvisioningException(message)
{
    public string Detection { get; } = detection;
    public override Judgement Why => Judgement.Skip(Message, Detection);
}
