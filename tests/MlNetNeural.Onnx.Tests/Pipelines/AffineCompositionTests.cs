using System.Collections.Immutable;
using MlNetNeural.Onnx.MlNet;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>Composing ML.NET's (x - offset) * scale maps, as the converter does for consecutive normalizers.</summary>
public sealed class AffineCompositionTests
{
    [Fact]
    public void OneMapComesOutExactlyAsGiven()
    {
        var composition = new AffineComposition(3);
        float[] scale = [0.1f, 3.3333333f, 1e-7f], offset = [-2.7f, 0.3f, 12345.678f];

        Assert.Null(composition.Then([.. scale], [.. offset]));
        var normalization = composition.ToInputNormalization()!;

        Assert.Equal(scale, normalization.Scale);
        Assert.Equal(offset, normalization.Offset);
    }

    [Fact]
    public void EmptyOffsetMeansZeroAndGivesNoOffset()
    {
        var composition = new AffineComposition(2);

        Assert.Null(composition.Then([2f, 4f], ImmutableArray<float>.Empty));

        Assert.Null(composition.ToInputNormalization()!.Offset);
    }

    [Fact]
    public void TwoMapsComposeToApplyingThemInTurn()
    {
        var composition = new AffineComposition(2);
        Assert.Null(composition.Then([0.5f, -2f], [1f, 3f]));
        Assert.Null(composition.Then([4f, 0.25f], [-0.5f, 2f]));
        var normalization = composition.ToInputNormalization()!;

        foreach (float x in new[] { -3f, 0f, 1.5f, 10f })
        {
            for (int j = 0; j < 2; j++)
            {
                double first = (x - new[] { 1f, 3f }[j]) * new[] { 0.5f, -2f }[j];
                double expected = (first - new[] { -0.5f, 2f }[j]) * new[] { 4f, 0.25f }[j];
                double actual = (x - normalization.Offset![j]) * normalization.Scale[j];
                Assert.Equal(expected, actual, 5);
            }
        }
        Assert.Equal(2, composition.Count);
    }

    [Fact]
    public void ZeroScaleThenNonZeroOffsetHasNoAffineFormAndNamesTheFeature()
    {
        var composition = new AffineComposition(2);
        Assert.Null(composition.Then([1f, 0f], [0f, 5f]));

        Assert.Equal(1, composition.Then([2f, 3f], [1f, 1f]));
    }

    [Fact]
    public void ZeroScaleThenZeroOffsetStaysZero()
    {
        var composition = new AffineComposition(1);
        Assert.Null(composition.Then([0f], [5f]));
        Assert.Null(composition.Then([3f], [0f]));

        Assert.Equal([0f], composition.ToInputNormalization()!.Scale);
    }

    [Fact]
    public void NothingComposedGivesNoNormalization() => Assert.Null(new AffineComposition(4).ToInputNormalization());
}
