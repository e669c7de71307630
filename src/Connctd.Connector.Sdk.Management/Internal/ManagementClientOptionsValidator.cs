using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Source-generated DataAnnotations validation of <see cref="ManagementClientOptions"/> (ranges, required values, type names).</summary>
[OptionsValidator]
internal sealed partial class ManagementClientOptionsValidator : IValidateOptions<ManagementClientOptions>;
