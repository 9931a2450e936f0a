using Microsoft.ML;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>A normalizer choice placed between the featurization and every trainer.</summary>
/// <param name="Name">Short name used by <c>--normalizers</c>.</param>
/// <param name="Display">How tables show it.</param>
/// <param name="Create">The estimator on "Features"; null for none.</param>
public sealed record QualityNormalizer(string Name, string Display, Func<MLContext, IEstimator<ITransformer>>? Create)
{
    /// <summary>None, NormalizeMinMax, NormalizeMeanVariance (ML.NET's default fixZero: true) and NormalizeMeanVariance(fixZero: false).</summary>
    public static IReadOnlyList<QualityNormalizer> All { get; } =
    [
        new("none", "none", null),
        new("minmax", "NormalizeMinMax", ml => ml.Transforms.NormalizeMinMax("Features")),
        new("meanvar", "NormalizeMeanVariance", ml => ml.Transforms.NormalizeMeanVariance("Features")),
        new("meanvar-centred", "NormalizeMeanVariance(fixZero: false)", ml => ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)),
    ];
}
