using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.Persistence;

/// <summary>Small deterministic data and the Normalize -> Doubling pipeline the persistence tests save and load.</summary>
internal static class PersistenceTestData
{
    public const int FeatureCount = 3;

    public sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    public static float[][] Features { get; } = Enumerable.Range(0, 20)
        .Select(i => new[] { i * 0.37f - 2f, MathF.Sin(i) * 5f, 100f + i * i * 0.01f })
        .ToArray();

    public static IDataView Load(MLContext ml, float[][] features) =>
        ml.Data.LoadFromEnumerable(features.Select(f => new Row { Features = f }));

    /// <summary>NormalizeMeanVariance("Features") fitted on <see cref="Features"/>, then our DoublingTransformer.</summary>
    public static ITransformer FitPipeline(MLContext ml)
    {
        var data = Load(ml, Features);
        var normalizer = ml.Transforms.NormalizeMeanVariance("Features").Fit(data);
        return normalizer.Append<ITransformer>(new DoublingTransformer("Features"));
    }

    public static float[][] Doubled(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>(DoublingTransformer.OutputColumn).ToArray();

    public static void AssertBitIdentical(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int row = 0; row < expected.Length; row++)
        {
            Assert.Equal(
                expected[row].Select(BitConverter.SingleToInt32Bits),
                actual[row].Select(BitConverter.SingleToInt32Bits));
        }
    }
}
