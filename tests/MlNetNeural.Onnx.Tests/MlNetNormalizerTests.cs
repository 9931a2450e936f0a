using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>
/// The scale and offset of a fitted ML.NET affine normalizer, passed straight into
/// <see cref="OnnxInputNormalization"/>, make the exported graph reproduce "ML.NET normalizer, then network".
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class MlNetNormalizerTests
{
    private const int RowCount = 300;

    private sealed class FeatureRow
    {
        [VectorType(RandomMlp.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    public static TheoryData<string> Normalizers() => ["MinMax without fixed zero", "MeanVariance with fixed zero"];

    [Theory]
    [MemberData(nameof(Normalizers))]
    public void ExportedNormalizationMatchesTheFittedMlNetNormalizer(string normalizer)
    {
        var ml = new MLContext(seed: 1);
        float[] rows = RandomMlp.Rows(seed: 71, RowCount).Select((v, i) => v * (1 + i % RandomMlp.FeatureCount) + 2f).ToArray();
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, RowCount).Select(r => new FeatureRow
        {
            Features = rows.AsSpan(r * RandomMlp.FeatureCount, RandomMlp.FeatureCount).ToArray(),
        }));
        IEstimator<NormalizingTransformer> estimator = normalizer.StartsWith("MinMax", StringComparison.Ordinal)
            ? ml.Transforms.NormalizeMinMax("Features", fixZero: false)
            : ml.Transforms.NormalizeMeanVariance("Features", fixZero: true);
        var fitted = estimator.Fit(data);
        var parameters = Assert.IsType<NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>>(
            fitted.GetNormalizerModelParameters(0));

        var network = RandomMlp.Create(72, OnnxMlpHead.Regression, OnnxActivation.Gelu, normalize: false);
        var exported = new OnnxMlpDescription(network.FeatureCount, network.Layers, network.Head)
        {
            InputNormalization = new OnnxInputNormalization(parameters.Scale.ToArray(), parameters.Offset.ToArray()),
        };
        float[] normalizedByMlNet = fitted.Transform(data).GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        var expected = ExpectedOutputs.For(network, normalizedByMlNet).Select(e => e.Score[0]).ToArray();

        var actual = (float[])OnnxScoring.Run(OnnxMlpWriter.ToBytes(exported), "Features", rows, RandomMlp.FeatureCount)["Score"].Values;

        double maxError = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxError <= ExpectedOutputs.Tolerance, $"Max absolute error {maxError:E3} exceeds {ExpectedOutputs.Tolerance:E0}.");
        Assert.Equal(normalizer.StartsWith("MinMax", StringComparison.Ordinal), exported.InputNormalization.Offset is not null);
    }
}
