using System.Diagnostics;
using OpenTelemetry.Metrics;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;

/// <summary>Reads exported spans and metric points.</summary>
public static class Telemetry
{
    /// <summary>The value of tag <paramref name="name"/> of a metric point, or <see langword="null"/>.</summary>
    public static object? Tag(MetricPoint point, string name)
    {
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }

    /// <summary>The points of <paramref name="metric"/> whose tags include every one of <paramref name="tags"/>.</summary>
    public static IReadOnlyList<MetricPoint> Points(MetricSnapshot metric, params (string Name, object Value)[] tags) =>
        metric.MetricPoints.Where(point => tags.All(tag => Equals(Tag(point, tag.Name), tag.Value))).ToArray();

    /// <summary>The sum of a counter's points whose tags include every one of <paramref name="tags"/>.</summary>
    public static long Sum(MetricSnapshot metric, params (string Name, object Value)[] tags) =>
        Points(metric, tags).Sum(point => point.GetSumLong());

    /// <summary>The number of measurements of a histogram's points whose tags include every one of <paramref name="tags"/>.</summary>
    public static long HistogramCount(MetricSnapshot metric, params (string Name, object Value)[] tags) =>
        Points(metric, tags).Sum(point => point.GetHistogramCount());

    /// <summary>The explicit bucket boundaries of a histogram point (without the last, unbounded bucket).</summary>
    public static IReadOnlyList<double> Boundaries(MetricPoint point)
    {
        var bounds = new List<double>();
        foreach (HistogramBucket bucket in point.GetHistogramBuckets())
        {
            if (!double.IsPositiveInfinity(bucket.ExplicitBound))
            {
                bounds.Add(bucket.ExplicitBound);
            }
        }

        return bounds;
    }

    /// <summary>The value of a gauge with one point (a gauge of the SDK has no tags).</summary>
    public static double Gauge(MetricSnapshot metric)
    {
        MetricPoint point = Assert.Single(metric.MetricPoints);
        return metric.MetricType == MetricType.LongGauge ? point.GetGaugeLastValueLong() : point.GetGaugeLastValueDouble();
    }

    /// <summary>The value of tag <paramref name="name"/> of a span, or <see langword="null"/>.</summary>
    public static object? Tag(Activity span, string name) => span.GetTagItem(name);

    /// <summary>A metric's points with their tags, for failure messages.</summary>
    public static string Describe(MetricSnapshot metric) =>
        $"{metric.MetricType} [{string.Join("; ", metric.MetricPoints.Select(point => Describe(metric.MetricType, point)))}]";

    private static string Describe(MetricType type, MetricPoint point)
    {
        var tags = new List<string>();
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        string value = type switch
        {
            MetricType.LongSum => point.GetSumLong().ToString(System.Globalization.CultureInfo.InvariantCulture),
            MetricType.Histogram => $"count {point.GetHistogramCount()}",
            MetricType.LongGauge => point.GetGaugeLastValueLong().ToString(System.Globalization.CultureInfo.InvariantCulture),
            MetricType.DoubleGauge => point.GetGaugeLastValueDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => type.ToString(),
        };
        return $"{string.Join(',', tags)} => {value}";
    }
}
