using StaticNets;

namespace StaticNets.Examples.Mnist;

/// <summary>LeNet-5 as in the notes' reference table: two 5x5 convolutions with pooling, three FC layers, softmax loss.</summary>
[Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
public partial class LeNet5
{
}
