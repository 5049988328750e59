/** Realistic OCOP listings, valid for each sandbox's category table. */
export const shopeeHoney = {
  item_name: 'Mật ong rừng U Minh OCOP 4 sao',
  description: 'Mật ong nguyên chất từ rừng tràm U Minh Hạ, Cà Mau.',
  original_price: 185_000,
  weight: 0.5,
  category_id: 100629,
  image: { image_id_list: ['vn-11134207-7r98o-lmnq1a2b3c'] },
  logistic_info: [{ logistic_id: 50021, enabled: true }],
  attribute_list: [
    { attribute_id: 100037, attribute_value_list: [{ value_id: 0, original_value_name: 'Việt Nam' }] },
  ],
  item_sku: 'OCOP-CM-0001',
  seller_stock: [{ stock: 10 }],
};

export const lazadaHoneyJson = (sellerSku = 'OCOP-CM-0001') =>
  JSON.stringify({
    Request: {
      Product: {
        PrimaryCategory: '10002019',
        Images: { Image: ['https://vn-live-02.slatic.net/p/bfee8ea9c4797ad704ff2b20323bc92c.jpg'] },
        Attributes: {
          name: 'Mật ong rừng U Minh OCOP 4 sao',
          brand_id: '30768',
          description: 'Mật ong nguyên chất',
        },
        Skus: {
          Sku: [
            {
              SellerSku: sellerSku,
              quantity: '10',
              price: '185000',
              package_height: '10',
              package_length: '10',
              package_width: '10',
              package_weight: '0.5',
            },
          ],
        },
      },
    },
  });

export const lazadaTeaXml = (
  name = 'Trà Shan tuyết Suối Giàng OCOP 5 sao',
  image = 'https://vn-live-01.slatic.net/p/tea.jpg',
) =>
  `<?xml version="1.0" encoding="UTF-8"?><Request><Product><PrimaryCategory>10002020</PrimaryCategory>` +
  `<Images><Image>${image}</Image></Images><Attributes><name>${name}</name><brand_id>30768</brand_id>` +
  `<shelf_life>24 tháng</shelf_life><description><![CDATA[<p>Trà & hương rừng</p>]]></description></Attributes>` +
  `<Skus><Sku><SellerSku>OCOP-YB-0007</SellerSku><quantity>5</quantity><price>320000</price>` +
  `<package_height>8</package_height><package_length>20</package_length><package_width>12</package_width>` +
  `<package_weight>0.3</package_weight></Sku></Skus></Product></Request>`;

export const postmartHoney = (sellerSku = 'OCOP-TH-0001') => ({
  title: 'Mật ong hoa nhãn Thanh Hóa OCOP 4 sao',
  description: 'Mật ong hoa nhãn nguyên chất.',
  category_id: 'PM-FOOD-HONEY',
  attributes: { origin_province: 'Thanh Hóa', volume_ml: 500 },
  images: ['https://cdn.ocop-sync.example.vn/p/mat-ong.jpg'],
  ocop: {
    certificate_no: 'OCOP-TH-2024-0123',
    star_rating: 4,
    issued_at: '2024-03-01',
    expires_at: '2099-03-01',
    issuing_authority: 'UBND tỉnh Thanh Hóa',
  },
  skus: [
    {
      seller_sku: sellerSku,
      price_vnd: 150_000,
      weight_g: 700,
      stock: [{ location_code: 'SR-THA-01', quantity: 25 }],
    },
  ],
});
