using MlNetNeural.Onnx.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests;

/// <summary>
/// Exported random networks scored by OnnxRuntime agree with a managed reference forward pass on 1000 random rows,
/// for every head, every activation, with and without input normalization.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxRuntimeEquivalenceTests(ITestOutputHelper output)
{
    private const int RowCount = 1000;

    public static TheoryData<OnnxMlpHead, OnnxActivation, bool> Networks()
    {
        var data = new TheoryData<OnnxMlpHead, OnnxActivation, bool>();
        foreach (var head in Enum.GetValues<OnnxMlpHead>())
        {
            foreach (var activation in Enum.GetValues<OnnxActivation>())
            {
                data.Add(head, activation, false);
                data.Add(head, activation, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeMatchesReferenceForwardPass(OnnxMlpHead head, OnnxActivation activation, bool normalize)
    {
        int seed = HashCode.Combine(head, activation, normalize) & 0x7FFFFFFF;
        var description = RandomMlp.Create(seed, head, activation, normalize);
        AssertOnnxRuntimeMatchesReference(description, seed);
    }

    [Theory]
    [InlineData(OnnxActivation.Sigmoid)]
    [InlineData(OnnxActivation.Gelu)]
    [InlineData(OnnxActivation.LeakyRelu)]
    public void RegressionOutputLayerActivationIsApplied(OnnxActivation outputActivation)
    {
        var description = RandomMlp.Create(11, OnnxMlpHead.Regression, OnnxActivation.Tanh, normalize: true, outputActivation);
        AssertOnnxRuntimeMatchesReference(description, 12);
    }

    [Fact]
    public void CustomInputNameIsTheGraphInput()
    {
        var description = RandomMlp.Create(21, OnnxMlpHead.Binary, OnnxActivation.Relu, normalize: false, inputName: "Pixels");
        AssertOnnxRuntimeMatchesReference(description, 22);
    }

    [Fact]
    public void NormalizationWithoutOffsetOnlyScales()
    {
        var seeded = RandomMlp.Create(31, OnnxMlpHead.Regression, OnnxActivation.Relu, normalize: true);
        var description = new OnnxMlpDescription(seeded.FeatureCount, seeded.Layers, seeded.Head)
        {
            InputNormalization = new OnnxInputNormalization(seeded.InputNormalization!.Scale),
        };
        AssertOnnxRuntimeMatchesReference(description, 32);
    }

    private void AssertOnnxRuntimeMatchesReference(OnnxMlpDescription description, int rowSeed)
    {
        float[] rows = RandomMlp.Rows(rowSeed, RowCount);
        var expected = ExpectedOutputs.For(description, rows);
        var actual = OnnxScoring.Run(OnnxMlpWriter.ToBytes(description), description.InputName, rows, description.FeatureCount);

        int scoreWidth = expected[0].Score.Length;
        var score = actual[OnnxMlpColumnNames.Score];
        Assert.Equal([RowCount, scoreWidth], score.Shape);
        double maxError = MaxAbsoluteError((float[])score.Values, expected.SelectMany(e => e.Score));

        switch (description.Head)
        {
            case OnnxMlpHead.Binary:
                Assert.Equal([OnnxMlpColumnNames.PredictedLabel, OnnxMlpColumnNames.Probability, OnnxMlpColumnNames.Score], actual.Keys.Order());
                var probability = actual[OnnxMlpColumnNames.Probability];
                Assert.Equal([RowCount, 1], probability.Shape);
                maxError = Math.Max(maxError, MaxAbsoluteError((float[])probability.Values, expected.Select(e => e.Probability!.Value)));
                var labels = actual[OnnxMlpColumnNames.PredictedLabel];
                Assert.Equal([RowCount, 1], labels.Shape);
                AssertLabels((bool[])labels.Values, expected, e => e.BinaryLabel!.Value);
                break;
            case OnnxMlpHead.Multiclass:
                Assert.Equal([OnnxMlpColumnNames.PredictedLabel, OnnxMlpColumnNames.Score], actual.Keys.Order());
                var classes = actual[OnnxMlpColumnNames.PredictedLabel];
                Assert.Equal([RowCount], classes.Shape);
                AssertLabels((long[])classes.Values, expected, e => e.ClassIndex!.Value);
                break;
            default:
                Assert.Equal([OnnxMlpColumnNames.Score], actual.Keys);
                break;
        }

        output.WriteLine($"{description.Head}, {((OnnxDenseLayer)description.Layers[0]).Activation}: max |OnnxRuntime - reference| = {maxError:E2} over {RowCount} rows");
        Assert.True(maxError <= ExpectedOutputs.Tolerance, $"Max absolute error {maxError:E3} exceeds {ExpectedOutputs.Tolerance:E0}.");
    }

    private static double MaxAbsoluteError(float[] actual, IEnumerable<double> expected)
    {
        double[] reference = expected.ToArray();
        Assert.Equal(reference.Length, actual.Length);
        return actual.Zip(reference, (a, e) => Math.Abs(a - e)).Max();
    }

    private static void AssertLabels<T>(T[] actual, ExpectedRow[] expected, Func<ExpectedRow, T> label)
    {
        Assert.Equal(expected.Length, actual.Length);
        int compared = 0;
        for (int row = 0; row < expected.Length; row++)
        {
            if (expected[row].LabelIsAmbiguous)
                continue;
            Assert.True(EqualityComparer<T>.Default.Equals(label(expected[row]), actual[row]),
                $"Row {row}: expected label {label(expected[row])}, OnnxRuntime gave {actual[row]}.");
            compared++;
        }
        Assert.True(compared > expected.Length * 0.99, $"Only {compared} of {expected.Length} labels were unambiguous.");
    }
}
