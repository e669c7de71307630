using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>Source-generated DataAnnotations validation of <see cref="PlatformClientOptions"/> (ranges, required values).</summary>
[OptionsValidator]
internal sealed partial class PlatformClientOptionsValidator : IValidateOptions<PlatformClientOptions>;
