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
/// rounded once. A merged layer is a <see cref="DenseLayer"/> (zeros where members do not connect), unless it is large and
/// mostly zeros: then it is a <see cref="SparseDenseLayer"/> storing exactly the members' weights, so that wide ensembles
/// keep their block-diagonal layers K times a member's instead of K² times (see <see cref="SparseFromWeights"/>).
/// </summary>
internal static class MergedDense
{
    /// <summary>The largest share of non-zero weights for which a merged layer may be stored sparse.</summary>
    private const double SparseUpToDensity = 0.5;

    /// <summary>
    /// Weights (2²¹, 8 MB) above which a merged layer with at most half its weights non-zero is stored sparse. Below, dense
    /// storage scores faster: the packed dense kernel took 37 us for one row of a merged 5 × [64, 32] network with
    /// embeddings where the sparse kernel took 64 us, and 1.9 against 2.5 ms for 64 rows (docs/benchmarks.md, section
    /// 8.3); above, the K² growth of block-diagonal layers would soon pass the load limit (5 × [512, 512, 512]: two
    /// 2,560 × 2,560 layers, 52 MB) and the sparse kernel gains on blocks of rows (1.5 against 2.4 ms for 5 × [256, 256]).
    /// </summary>
    private const long SparseFromWeights = 1L << 21;

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
        long denseSize = (long)rows * mergedInputs;
        return denseSize > SparseFromWeights && stored.Count <= SparseUpToDensity * denseSize
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
