using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Tests.Core;

public class DeterministicRandomTests
{
    [Theory]
    [InlineData(0.2f, 1.25f, 1000)]
    [InlineData(0.5f, 2f, 33)]
    [InlineData(0f, 1f, 17)]
    public void KeepMaskEqualsTheLoopOverNextFloatAndLeavesTheSameState(float dropRate, float keepValue, int length)
    {
        var filling = DeterministicRandom.ForStream(7, 4);
        var drawing = DeterministicRandom.ForStream(7, 4);
        filling.NextUInt32(); // start mid-sequence, as a step after the first does
        drawing.NextUInt32();

        var mask = new float[length];
        filling.FillKeepMask(mask, dropRate, keepValue);

        int zeros = 0;
        for (int i = 0; i < length; i++)
        {
            float expected = drawing.NextFloat() < dropRate ? 0f : keepValue;
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(mask[i]),
                $"mask[{i}] = {mask[i]}, the loop over NextFloat gives {expected}.");
            if (mask[i] == 0f) zeros++;
        }
        Assert.Equal(drawing.NextUInt32(), filling.NextUInt32());
        if (dropRate == 0f) Assert.Equal(0, zeros);
        else Assert.InRange(zeros, 1, length - 1);
    }
}
