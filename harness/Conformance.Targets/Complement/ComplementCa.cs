using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.Targets.Complement;

/// <summary>
/// The per-run certificate authority Complement gives every homeserver: a self-signed RSA-4096 CA whose
/// certificate and private key (PKCS#1 PEM, "RSA PRIVATE KEY") are copied to
/// <c>/complement/ca/ca.crt</c> and <c>/complement/ca/ca.key</c> before the container starts, so the
/// image can sign its own federation certificate. Made fresh for each run and never written to disk here.
/// </summary>
public sealed record ComplementCa(string CertificatePem, string PrivateKeyPem)
{
    public const string CertificatePath = "/complement/ca/ca.crt";
    public const string KeyPath = "/complement/ca/ca.key";

    public static ComplementCa Create()
    {
        using var key = RSA.Create(4096);
        var request = new CertificateRequest("CN=Complement Test CA, O=matrix-account-conformance", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return new ComplementCa(certificate.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }
}
