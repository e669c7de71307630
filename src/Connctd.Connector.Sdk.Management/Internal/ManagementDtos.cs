using System.Globalization;
using System.Text.Json;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Management.Internal;

// What the API answers, read leniently (nulls, unknown enum names, numbers or names for states) and mapped to the
// public records, so one odd field never fails a whole list.

internal sealed class PublicationDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Owner { get; set; }
    public string? LogoUrl { get; set; }
    public string? HomeUrl { get; set; }
    public string? Description { get; set; }
    public string? Requirements { get; set; }
    public List<string?>? Tags { get; set; }
    public string? Mode { get; set; }
    public bool? Active { get; set; }
    public string? State { get; set; }
    public List<ParameterDto?>? ConfigurationParameters { get; set; }
    public List<ParameterDto?>? CustomerConfigurationParameters { get; set; }
    public string? InstallationCallbackUrl { get; set; }
    public string? InstanceCallbackUrl { get; set; }
    public string? ActionCallbackUrl { get; set; }
    public string? PublicKey { get; set; }

    public ConnectorPublication ToModel() => new()
    {
        Id = Id ?? "",
        Name = Name,
        Owner = Owner,
        LogoUrl = LogoUrl,
        HomeUrl = HomeUrl,
        Description = Description,
        Requirements = Requirements,
        Tags = Tags?.Where(tag => tag is not null).Select(tag => tag!).ToArray() ?? [],
        Mode = EnumNames.Parse<PublicationMode>(Mode),
        Active = Active,
        State = State,
        ConfigurationParameters = ParameterDto.ToModels(ConfigurationParameters),
        CustomerConfigurationParameters = ParameterDto.ToModels(CustomerConfigurationParameters),
        InstallationCallbackUrl = InstallationCallbackUrl,
        InstanceCallbackUrl = InstanceCallbackUrl,
        ActionCallbackUrl = ActionCallbackUrl,
        PublicKey = PublicKey,
    };
}

internal sealed class ParameterDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? Required { get; set; }
    public string? Description { get; set; }
    public string? ValueType { get; set; }
    public string? DisplayType { get; set; }
    public string? ValidationExpression { get; set; }

    public static ConfigurationParameter[] ToModels(List<ParameterDto?>? parameters) =>
        parameters?.Where(parameter => parameter is not null).Select(parameter => parameter!.ToModel()).ToArray() ?? [];

    public ConfigurationParameter ToModel() => new(Id ?? "", Name ?? "", EnumNames.Parse<ConfigurationValueType>(ValueType))
    {
        Required = Required ?? false,
        Description = Description ?? "",
        DisplayType = EnumNames.Parse<ConfigurationDisplayType>(DisplayType),
        ValidationExpression = ValidationExpression ?? "",
    };
}

internal sealed class IdDto
{
    public string? Id { get; set; }
}

internal sealed class FurtherStepDto
{
    public JsonElement? Type { get; set; }
    public string? Content { get; set; }

    public FurtherStep ToModel() => new(EnumNames.ParseNumbered<StepType>(Type), Content ?? "");
}

internal sealed class InstallationDto
{
    public string? Id { get; set; }
    public PublicationDto? Connector { get; set; }
    public JsonElement? State { get; set; }
    public JsonElement? StateDetails { get; set; }

    public ConnectorInstallation ToModel() => new()
    {
        Id = Id ?? "",
        Connector = Connector?.ToModel(),
        State = EnumNames.ParseNumbered<LifecycleState>(State),
        StateDetails = StateDetails is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } details ? details : null,
    };
}

internal sealed class InstanceDto
{
    public string? Id { get; set; }
    public IdDto? Installation { get; set; }
    public JsonElement? State { get; set; }
    public JsonElement? StateDetails { get; set; }
    public FurtherStepDto? FurtherStep { get; set; }

    public ConnectorInstance ToModel() => new()
    {
        Id = Id ?? "",
        InstallationId = Installation?.Id,
        State = EnumNames.ParseNumbered<LifecycleState>(State),
        StateDetails = StateDetails is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } details ? details : null,
        FurtherStep = FurtherStep?.ToModel(),
    };
}

internal sealed class RemovalDto
{
    public InstallationDto? AffectedInstallation { get; set; }
    public List<InstanceDto?>? AffectedInstances { get; set; }

    public InstallationRemoval ToModel() => new()
    {
        AffectedInstallation = AffectedInstallation?.ToModel(),
        AffectedInstances = AffectedInstances?.Where(instance => instance is not null).Select(instance => instance!.ToModel()).ToArray() ?? [],
    };
}

/// <summary>Reads the platform's UPPER_SNAKE_CASE enum names (and, for numbered enums, their numbers); unknown ones read as the zero value.</summary>
internal static class EnumNames
{
    public static TEnum Parse<TEnum>(string? name)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(name))
        {
            return default;
        }

        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString()), name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return default;
    }

    public static TEnum ParseNumbered<TEnum>(JsonElement? element)
        where TEnum : struct, Enum
    {
        switch (element)
        {
            case { ValueKind: JsonValueKind.String } text:
                string? name = text.GetString();
                return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? FromNumber<TEnum>(parsed) : Parse<TEnum>(name);
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out int value):
                return FromNumber<TEnum>(value);
            default:
                return default;
        }
    }

    private static TEnum FromNumber<TEnum>(int number)
        where TEnum : struct, Enum
    {
        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            if (Convert.ToInt32(value, CultureInfo.InvariantCulture) == number)
            {
                return value;
            }
        }

        return default;
    }
}
