using MlNetNeural.Core.Activations;

namespace MlNetNeural.Tests.Core;

public class ActivationDerivativeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(37)] // whole vectors and a scalar remainder on every vector width
    public void ReLUZeroesTheGradientWhereTheOutputIsNotPositiveAndKeepsItElsewhere(int length)
    {
        float[] specials = [0f, -0f, -1f, 2.5f, float.NaN, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity];
        var random = new Random(5);
        var output = new float[length];
        var gradient = new float[length];
        for (int i = 0; i < length; i++)
        {
            output[i] = i % 3 == 0 ? specials[i / 3 % specials.Length] : (float)(random.NextDouble() - 0.5);
            gradient[i] = (float)(random.NextDouble() - 0.5) + 1f;
        }
        var original = (float[])gradient.Clone();

        Activation.ReLU.Backpropagate(default, output, gradient);

        for (int i = 0; i < length; i++)
        {
            // The definition: f'(z) = 0 where the output max(z, 0) is not above 0; a NaN output propagates the gradient unchanged.
            float expected = output[i] <= 0f ? 0f : original[i];
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(gradient[i]),
                $"output {output[i]}: gradient {gradient[i]}, expected {expected}.");
        }
    }
}
