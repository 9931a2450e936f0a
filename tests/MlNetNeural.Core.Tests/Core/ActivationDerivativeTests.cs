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

    [Theory]
    [InlineData(ActivationKind.LeakyReLU, 1)]
    [InlineData(ActivationKind.LeakyReLU, 37)]
    [InlineData(ActivationKind.Tanh, 1)]
    [InlineData(ActivationKind.Tanh, 37)]
    [InlineData(ActivationKind.Sigmoid, 1)]
    [InlineData(ActivationKind.Sigmoid, 37)]
    public void VectorizedPassesGiveEveryValueTheBitsOfTheScalarDefinition(ActivationKind kind, int length)
    {
        const float Slope = 0.03f;
        float[] specials = [0f, -0f, -1f, 2.5f, float.NaN, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity];
        var random = new Random(length);
        var input = new float[length];
        var gradient = new float[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = i % 3 == 0 ? specials[i / 3 % specials.Length] : (float)(random.NextDouble() * 6 - 3);
            gradient[i] = (float)(random.NextDouble() - 0.5) + 1f;
        }
        var activation = new Activation(kind, Slope);
        var output = new float[length];
        var original = (float[])gradient.Clone();

        activation.Apply(input, output);
        activation.Backpropagate(input, output, gradient);

        for (int i = 0; i < length; i++)
        {
            float y = output[i];
            float expectedGradient = kind switch
            {
                ActivationKind.LeakyReLU => y <= 0f ? original[i] * Slope : original[i],
                ActivationKind.Tanh => original[i] * (1f - y * y),
                _ => original[i] * (y * (1f - y)),
            };
            if (kind == ActivationKind.LeakyReLU)
                Assert.Equal(BitConverter.SingleToInt32Bits(input[i] > 0f ? input[i] : Slope * input[i]), BitConverter.SingleToInt32Bits(y));
            Assert.True(BitConverter.SingleToInt32Bits(expectedGradient) == BitConverter.SingleToInt32Bits(gradient[i]),
                $"{kind} at {input[i]}: gradient {gradient[i]}, expected {expectedGradient}.");
        }
    }
}
