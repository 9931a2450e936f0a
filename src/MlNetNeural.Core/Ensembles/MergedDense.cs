using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Ensembles;

/// <summary>Where input <paramref name="column"/> of member <paramref name="member"/>'s layer is in the merged layer's input, and the factor its weights take.</summary>
/// <param name="member">The member, from 0.</param>
/// <param name="column">The input of the member's layer.</param>
internal delegate (int Column, double Factor) MemberColumn(int member, int column);

/// <summary>
/// One dense layer of a merged ensemble from the members' layers at one position. A hidden layer stacks the members'
/// units (member r's units r·n to r·n + n − 1), each reading its own member's inputs; the output layer has the members'
/// outputs once, each the mean of theirs: weights / K and the mean bias. The weights are summed in double precision and
/// rounded once. A layer in which at most half the weights can be non-zero (a block-diagonal hidden layer) is a
/// <see cref="SparseDenseLayer"/> storing exactly the members' weights, the others a <see cref="DenseLayer"/>.
/// </summary>
internal static class MergedDense
{
    /// <summary>The largest share of stored weights for which a merged layer is stored sparse.</summary>
    private const double SparseUpToDensity = 0.5;

    /// <summary>The inputs of a layer after a merged hidden layer: member r's input c is merged input r·<paramref name="inputs"/> + c.</summary>
    /// <param name="inputs">The members' layer's input size.</param>
    public static MemberColumn OwnBlock(int inputs) => (member, column) => (member * inputs + column, 1.0);

    /// <summary>Merges the members' layers at one position.</summary>
    /// <param name="layers">Each member's layer, same shape and activation.</param>
    /// <param name="mergedInputs">Values per row of the merged layer's input.</param>
    /// <param name="columns">Where each member's input is in it.</param>
    /// <param name="averageOutputs">True for the output layer: one set of outputs, the members' mean.</param>
    public static Layer Merge(IReadOnlyList<DenseLayer> layers, int mergedInputs, MemberColumn columns, bool averageOutputs)
    {
        var first = layers[0];
        int members = layers.Count, units = first.OutputSize, inputs = first.InputSize;
        int rows = averageOutputs ? units : checked(members * units);
        double share = averageOutputs ? 1.0 / members : 1.0;
        var rowStarts = new int[rows + 1];
        var stored = new List<int>();
        var values = new List<float>();
        var bias = new float[rows];
        var sums = new double[mergedInputs];
        var touched = new bool[mergedInputs];
        var used = new List<int>();
        for (int row = 0; row < rows; row++)
        {
            int unit = row % units, firstMember = averageOutputs ? 0 : row / units, endMember = averageOutputs ? members : firstMember + 1;
            double biasSum = 0;
            for (int r = firstMember; r < endMember; r++)
            {
                var weights = layers[r].Weights.Values.AsSpan(unit * inputs, inputs);
                for (int c = 0; c < inputs; c++)
                {
                    var (column, factor) = columns(r, c);
                    if (!touched[column]) { touched[column] = true; used.Add(column); }
                    sums[column] += share * factor * weights[c];
                }
                biasSum += share * layers[r].Bias.Values[unit];
            }
            used.Sort();
            foreach (int column in used)
            {
                stored.Add(column);
                values.Add((float)sums[column]);
                sums[column] = 0;
                touched[column] = false;
            }
            used.Clear();
            rowStarts[row + 1] = stored.Count;
            bias[row] = (float)biasSum;
        }
        return stored.Count <= SparseUpToDensity * rows * mergedInputs
            ? Sparse(first, mergedInputs, rows, rowStarts, stored, values, bias)
            : Dense(first, mergedInputs, rows, rowStarts, stored, values, bias);
    }

    private static SparseDenseLayer Sparse(DenseLayer first, int inputs, int rows, int[] rowStarts, List<int> columns, List<float> values, float[] bias)
    {
        var layer = new SparseDenseLayer(inputs, rows, first.Activation, rowStarts, [.. columns], first.ParameterPrefix);
        values.CopyTo(layer.WeightValues.Values);
        bias.CopyTo(layer.Bias.Values, 0);
        return layer;
    }

    private static DenseLayer Dense(DenseLayer first, int inputs, int rows, int[] rowStarts, List<int> columns, List<float> values, float[] bias)
    {
        var weights = new float[checked(rows * inputs)];
        for (int row = 0; row < rows; row++)
            for (int e = rowStarts[row]; e < rowStarts[row + 1]; e++) weights[row * inputs + columns[e]] = values[e];
        return new DenseLayer(inputs, rows, first.Activation, first.ParameterPrefix).WithWeights(weights, bias);
    }
}
