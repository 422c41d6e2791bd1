namespace StaticNets.Tool.Tests;

/// <summary>LeNet-5 as the README declares it: the check command's table must be this class's <c>Summary</c>.</summary>
[Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
public partial class LeNet5;

/// <summary>Small, with a batch norm: parameters, buffers and safetensors' I64 <c>num_batches_tracked</c>.</summary>
[Network("CONV(3,3)+BN+RELU+FC(4)+SOFTMAX", Input = "2x6x6")]
public partial class SmallConvNet;
